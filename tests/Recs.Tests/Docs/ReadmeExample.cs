namespace Recs.Tests.Docs;

/// <summary>
/// One example the README documents: the command of a ```sh block marked <c>&lt;!-- example --&gt;</c> (or repeated by
/// <c>&lt;!-- example again --&gt;</c>) and the answer printed under it.
/// </summary>
/// <param name="Line">The marker's line number in README.md, for messages.</param>
/// <param name="Section">The <c>###</c> heading the example sits under.</param>
/// <param name="Command">The shell command, backslash continuations joined.</param>
/// <param name="Language">The output block's language: <c>json</c>, <c>csv</c> or empty.</param>
/// <param name="Answer">The documented answer.</param>
internal sealed record ReadmeExample(int Line, string Section, string Command, string Language, string Answer);
