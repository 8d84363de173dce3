using System.Text.Json;
using Recs.Aot.Commands;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Endpoints;
using Recs.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Deployment;

/// <summary>
/// Dockerfile.aot, railway.json and docker-compose.yml checked against the binary's own settings (no Docker engine
/// runs the tests): the command each starts parses, ports agree, the user is not root and owns the data folder, the
/// health check is the readiness endpoint, and every environment variable set is one the binary reads.
/// </summary>
public sealed class ContainerFilesTests
{
    private const string DockerfileName = "Dockerfile.aot";
    private static readonly Dockerfile Image = Dockerfile.Read(Path.Combine(RepositoryPaths.Root, DockerfileName));

    /// <summary>Every environment variable the binary reads: the host's PORT, the store's variables and the Recs section.</summary>
    private static readonly HashSet<string> BinaryVariables =
    [
        "PORT",
        StoreSettings.SqlitePathVariable,
        StoreSettings.DatabaseUrlVariable,
        "PGSSLMODE",
        .. StoreSettings.PostgresVariables,
        .. typeof(RecsOptions).GetProperties().Select(p => $"{RecsOptions.Section}__{p.Name}"),
    ];

    private static string SnapshotVariable => $"{RecsOptions.Section}__{nameof(RecsOptions.SnapshotPath)}";

    private static string WorkingDirectory => Image.Last("WORKDIR") ?? "/";

    /// <summary>Where the store and the snapshots live in the image: the folder of RECS_SQLITE_PATH.</summary>
    private static string DataFolder => Path.GetDirectoryName(Image.Environment()[StoreSettings.SqlitePathVariable])!;

    [Fact]
    public void The_image_runs_the_binary_from_the_chiseled_runtime_deps_base()
    {
        string from = Image.Last("FROM")!;
        Assert.Contains("/dotnet/runtime-deps:", from, StringComparison.Ordinal);
        Assert.Contains("chiseled", from, StringComparison.Ordinal);
        string binary = typeof(RecsCommandLine).Assembly.GetName().Name!;
        Assert.Equal(Path.Combine(WorkingDirectory, binary), Image.Command()[0]);
        Assert.Contains(Image.All("COPY"), c => c.Contains($"/{binary} ", StringComparison.Ordinal) && c.Contains("libe_sqlite3.so", StringComparison.Ordinal));
        AssertServes(Image.Command()[1..], "the image's ENTRYPOINT + CMD");
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_that_owns_the_data_folder()
    {
        string user = Image.Last("USER")!;
        Assert.True(int.TryParse(user, out int uid) && uid > 0, $"USER {user}: a numeric non-root uid lets platforms check runAsNonRoot");
        Assert.Contains(Image.All("COPY"), c => c.Contains($"--chown={uid}:{uid}", StringComparison.Ordinal) && c.EndsWith($" {DataFolder}", StringComparison.Ordinal));
        var environment = Image.Environment();
        Assert.Equal(DataFolder, Path.GetDirectoryName(environment[SnapshotVariable]));
        // The default snapshot path is relative to the working directory: it must land in the same folder.
        Assert.Equal(DataFolder, Path.GetDirectoryName(Path.GetFullPath(new RecsOptions().SnapshotPath, WorkingDirectory)));
    }

    [Fact]
    public void The_image_listens_on_the_port_it_exposes_and_sets_only_variables_the_binary_reads()
    {
        var environment = Image.Environment();
        Assert.Equal(Image.Last("EXPOSE"), environment["PORT"]);
        Assert.All(environment.Keys, name => Assert.True(BinaryVariables.Contains(name), $"{DockerfileName} sets {name}, which the binary never reads"));
    }

    [Fact]
    public void Railway_builds_the_image_starts_serve_and_checks_the_readiness_endpoint()
    {
        using var railway = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "railway.json")));
        var build = railway.RootElement.GetProperty("build");
        var deploy = railway.RootElement.GetProperty("deploy");

        Assert.Equal("DOCKERFILE", build.GetProperty("builder").GetString());
        Assert.Equal(DockerfileName, build.GetProperty("dockerfilePath").GetString());
        Assert.Equal(HealthEndpoint.Path, deploy.GetProperty("healthcheckPath").GetString());
        // Railway runs the start command in exec form in place of the image's entry point.
        string[] start = deploy.GetProperty("startCommand").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Image.Command(), start);
        AssertServes(start[1..], "railway.json's startCommand");
    }

    [Fact]
    public void Compose_runs_the_image_on_PostgreSQL_16_with_the_binary_s_variables()
    {
        var compose = YamlSubset.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")));
        var services = Map(compose, "services");
        var recs = Map(services, "recs");
        var postgres = Map(services, "postgres");

        Assert.Equal(DockerfileName, Map(recs, "build")["dockerfile"]);
        Assert.StartsWith("postgres:16", (string)postgres["image"], StringComparison.Ordinal);
        Assert.True(Map(postgres, "healthcheck").ContainsKey("test"), "the database service has no health check");
        Assert.Equal("service_healthy", Map(Map(recs, "depends_on"), "postgres")["condition"]);

        var environment = Map(recs, "environment").ToDictionary(e => e.Key, e => (string)e.Value);
        Assert.All(environment.Keys, name => Assert.True(BinaryVariables.Contains(name), $"docker-compose.yml sets {name}, which the binary never reads"));
        var database = Map(postgres, "environment");
        Assert.True(services.ContainsKey(environment["PGHOST"]), $"PGHOST {environment["PGHOST"]} names no service");
        Assert.Equal((database["POSTGRES_USER"], database["POSTGRES_PASSWORD"], database["POSTGRES_DB"]),
            ((object)environment["PGUSER"], (object)environment["PGPASSWORD"], (object)environment["PGDATABASE"]));

        Assert.Equal(Image.Last("EXPOSE"), environment["PORT"]);
        var ports = (List<object>)recs["ports"];
        Assert.Contains(ports, p => ((string)p).EndsWith($":{environment["PORT"]}", StringComparison.Ordinal));
        var volumes = (List<object>)recs["volumes"];
        Assert.Contains(volumes, v => ((string)v).EndsWith($":{DataFolder}", StringComparison.Ordinal));
        Assert.Equal(DataFolder, Path.GetDirectoryName(environment[SnapshotVariable]));

        string[] command = [.. ((List<object>)recs["command"]).Cast<string>()];
        AssertServes(command, "docker-compose.yml's command");
    }

    private static Dictionary<string, object> Map(Dictionary<string, object> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is Dictionary<string, object> map ? map
            : throw new Xunit.Sdk.XunitException($"no mapping '{key}' (keys: {string.Join(", ", parent.Keys)})");

    // The arguments a container passes to the binary must parse, with the real parser, to `recs serve`.
    private static void AssertServes(string[] args, string what)
    {
        var parsed = RecsCommandLine.Parse(args);
        Assert.True(parsed.Errors.Count == 0, $"{what} ({string.Join(' ', args)}): {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        Assert.True(parsed.CommandResult.Command.Name == "serve", $"{what} ({string.Join(' ', args)}) runs {parsed.CommandResult.Command.Name}, not serve");
    }
}
