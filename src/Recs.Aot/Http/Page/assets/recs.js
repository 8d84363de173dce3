// The page's behaviour: look a person up, upload an export, refresh on a filter change, and explain errors in words.
// It talks only to this service's public API, so everything it does can also be done with curl (see the README).
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const lookupForm = byId("lookup-form");
  const username = byId("username");
  const uploadForm = byId("upload-form");
  const fileInput = byId("export-file");
  const dropZone = byId("drop-zone");
  const tokenInput = byId("write-token");
  const uploadButton = byId("upload-button");
  const uploadSummary = byId("upload-summary");
  const filters = byId("filters");
  const statusLine = byId("status");
  const errorBox = byId("error");
  const results = byId("results");
  const download = byId("download-csv");

  let shownUser = null; // whose list is on screen; filter changes refresh it
  let generation = 0; // only the newest request may draw its answer
  let inFlight = null;
  let tokenFilledFor = null; // the username whose remembered token the page put into the token field

  // ---- building requests ----------------------------------------------------------------------------------------

  function filterQuery() {
    const query = new URLSearchParams();
    query.set("limit", byId("limit").value);
    for (const [name, id] of [["min_year", "min-year"], ["max_year", "max-year"]]) {
      const value = byId(id).value.trim();
      if (value) query.set(name, value);
    }
    for (const [name, id] of [["genres", "genres"], ["exclude_genres", "exclude-genres"]]) {
      const value = byId(id).value.split(",").map((g) => g.trim()).filter((g) => g).join(",");
      if (value) query.set(name, value);
    }
    if (byId("type").value !== "movie") query.set("type", byId("type").value);
    if (byId("obscurity").value) query.set("obscurity", byId("obscurity").value);
    return query;
  }

  function listUrl(name, format) {
    const query = filterQuery();
    if (format) query.set("format", format);
    return `/api/recomendacoes/${encodeURIComponent(name)}?${query}`;
  }

  async function readBody(response) {
    const type = response.headers.get("content-type") || "";
    const text = await response.text();
    if (type.includes("json")) {
      try {
        return JSON.parse(text);
      } catch {
        return { detail: text };
      }
    }
    return { detail: text };
  }

  // ---- explaining errors ----------------------------------------------------------------------------------------

  function sentence(text) {
    if (!text) return "";
    const trimmed = String(text).trim();
    const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
    return /[.!?…]$/.test(capital) ? capital : capital + ".";
  }

  function retryHint(response) {
    const seconds = Number(response.headers.get("retry-after"));
    if (!Number.isFinite(seconds) || seconds <= 0) return "Try again shortly.";
    return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }

  // Turns an error answer (RFC 9457 problem+json, or the API's own body) into a heading and a sentence for a person.
  function explain(response, body, name) {
    const title = body.title || "";
    const detail = sentence(body.detail || body.note);
    switch (response.status) {
      case 400:
        if (title === "Invalid username") return { title: "That username can't be used", detail };
        if (title === "Invalid parameter") return { title: "A filter needs changing", detail };
        if (title === "Invalid upload") return { title: "That file can't be read as a Letterboxd export", detail };
        return { title: title || "The service could not understand the request", detail };
      case 401:
        return {
          title: `The username '${name}' is already taken`,
          detail: "If it is yours, paste the write token its first upload showed into “Write token” and upload again; otherwise choose another username.",
        };
      case 403:
        if (title === "API key required")
          return { title: `'${name}' belongs to the imported data set`, detail: "Only the service's operator can change it. Upload under another username." };
        return { title: `That write token is not the one for '${name}'`, detail: "Check the token, or upload under another username." };
      case 408:
        return { title: "The upload took too long", detail: `${detail} Try again on a faster connection.` };
      case 413:
        return { title: "That file is too large", detail };
      case 415:
        return { title: "That kind of file isn't accepted", detail: "Choose the export .zip from Letterboxd or the ratings.csv inside it." };
      case 429:
        return { title: "Too many requests right now", detail: retryHint(response) };
      case 503:
        return { title: "The service can't answer right now", detail: `${detail} ${retryHint(response)}`.trim() };
      default:
        return { title: title || `Something went wrong on the server (HTTP ${response.status})`, detail };
    }
  }

  function showError(problem) {
    errorBox.replaceChildren();
    const heading = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = problem.title;
    heading.append(strong);
    errorBox.append(heading);
    if (problem.detail) {
      const detail = document.createElement("p");
      detail.textContent = problem.detail;
      errorBox.append(detail);
    }
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  }

  const unreachable = { title: "The service can't be reached", detail: "Check your connection, or that the service is running, and try again." };

  // ---- showing a list -------------------------------------------------------------------------------------------

  function describeList(list) {
    const count = list.items.length;
    const who = list.username;
    const ms = Number(list.elapsed_ms).toLocaleString("en", { maximumFractionDigits: 3 });
    if (list.mode === "fallback" && (list.note || "").startsWith("unknown user"))
      return `We don't know the user '${who}' yet, so these are films popular with everyone. Upload their Letterboxd export above to get a personal list.`;
    if (count === 0) return `No film matches these filters for '${who}'. Try widening them.`;
    if (list.mode === "fallback") return `Films popular with everyone for '${who}': ${list.note || "a personal list could not be computed in time"}.`;
    const films = `${count} film${count === 1 ? "" : "s"} for '${who}'`;
    return list.mode === "ultra_fast" ? `${films}, from the cache (${ms} ms).` : `${films}, computed in ${ms} ms.`;
  }

  function render(list) {
    shownUser = list.username;
    const items = list.items.map((item) => {
      const li = document.createElement("li");
      const title = document.createElement("span");
      title.className = "film-title";
      title.textContent = item.title;
      li.append(title);
      if (item.year) {
        const year = document.createElement("span");
        year.className = "film-year";
        year.textContent = ` (${item.year})`;
        li.append(year);
      }
      const reason = document.createElement("span");
      reason.className = "reason";
      reason.textContent = sentence(item.reason);
      li.append(reason);
      return li;
    });
    results.replaceChildren(...items);
    statusLine.textContent = describeList(list);
    download.href = listUrl(list.username, "csv");
    download.hidden = items.length === 0;
  }

  function clearList(message) {
    results.replaceChildren();
    download.hidden = true;
    statusLine.textContent = message;
  }

  async function showList(name) {
    const mine = ++generation;
    inFlight?.abort();
    inFlight = new AbortController();
    clearError();
    results.setAttribute("aria-busy", "true");
    statusLine.textContent = `Finding films for '${name}'…`;
    try {
      const response = await fetch(listUrl(name), { headers: { Accept: "application/json" }, signal: inFlight.signal });
      const body = await readBody(response);
      if (mine !== generation) return;
      if (response.ok) {
        render(body);
      } else {
        clearList("No recommendations to show.");
        showError(explain(response, body, name));
      }
    } catch (error) {
      if (error.name === "AbortError" || mine !== generation) return;
      clearList("No recommendations to show.");
      showError(unreachable);
    } finally {
      if (mine === generation) results.removeAttribute("aria-busy");
    }
  }

  // ---- the username and its write token -------------------------------------------------------------------------

  function enteredName() {
    const name = username.value.trim();
    if (name) return name;
    showError({ title: "Enter a username first", detail: "Type a Letterboxd username, or the name to store your upload under." });
    username.focus();
    return null;
  }

  const tokenKey = (name) => `recs.write-token.${name.toLowerCase()}`;

  function rememberedToken(name) {
    try {
      return localStorage.getItem(tokenKey(name));
    } catch {
      return null; // storage disabled: the person pastes the token instead
    }
  }

  function rememberToken(name, token) {
    try {
      localStorage.setItem(tokenKey(name), token);
    } catch {
      // storage disabled: the token is on screen to copy
    }
  }

  function offerRememberedToken() {
    const name = username.value.trim();
    if (tokenInput.value && tokenFilledFor === null) return; // typed by the person: leave it
    const token = name ? rememberedToken(name) : null;
    tokenInput.value = token || "";
    tokenFilledFor = token ? name : null;
  }

  // ---- uploading an export --------------------------------------------------------------------------------------

  function summarise(answer) {
    uploadSummary.replaceChildren();
    const line = (text, className) => {
      const p = document.createElement("p");
      p.textContent = text;
      if (className) p.className = className;
      uploadSummary.append(p);
      return p;
    };
    line(sentence(answer.note));
    if (answer.excluded_films > 0)
      line(`${answer.excluded_films} watched or watchlisted film${answer.excluded_films === 1 ? " is" : "s are"} left out of the list.`);
    if (answer.write_token) {
      line(`'${answer.username}' is now yours. Its write token, shown only this once (this browser remembers it; keep a copy for other devices):`);
      line(answer.write_token, "token").id = "new-token";
    }
  }

  async function upload(event) {
    event.preventDefault();
    clearError();
    const name = enteredName();
    if (!name) return;
    const file = fileInput.files[0];
    if (!file) {
      showError({ title: "Choose your export file first", detail: "The .zip Letterboxd gives you, or the ratings.csv inside it." });
      fileInput.focus();
      return;
    }
    const zip = /\.zip$/i.test(file.name) || file.type.includes("zip");
    const headers = { "Content-Type": zip ? "application/zip" : "text/csv", Accept: "application/json" };
    const token = tokenInput.value.trim();
    if (token) headers.Authorization = `Bearer ${token}`;
    uploadButton.disabled = true;
    uploadSummary.replaceChildren();
    statusLine.textContent = `Uploading ${file.name} for '${name}'…`;
    try {
      const query = new URLSearchParams({ limit: byId("limit").value });
      const response = await fetch(`/api/users/${encodeURIComponent(name)}/ratings?${query}`, { method: "POST", headers, body: file });
      const body = await readBody(response);
      if (!response.ok) {
        statusLine.textContent = "Nothing was uploaded.";
        showError(explain(response, body, name));
        return;
      }
      if (body.write_token) {
        rememberToken(body.username, body.write_token);
        tokenInput.value = body.write_token;
        tokenFilledFor = body.username;
      }
      summarise(body);
      // The answer carries the unfiltered list; with filters set, ask for the filtered one.
      if ([...filterQuery().keys()].every((key) => key === "limit")) {
        ++generation;
        render(body.recommendations);
      } else {
        await showList(body.username);
      }
    } catch {
      statusLine.textContent = "Nothing was uploaded.";
      showError(unreachable);
    } finally {
      uploadButton.disabled = false;
    }
  }

  // ---- wiring ---------------------------------------------------------------------------------------------------

  lookupForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = enteredName();
    if (name) showList(name);
  });

  username.addEventListener("change", offerRememberedToken);
  tokenInput.addEventListener("input", () => { tokenFilledFor = null; });
  uploadForm.addEventListener("submit", upload);

  filters.addEventListener("change", () => {
    if (shownUser) showList(shownUser);
  });
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    if (shownUser) showList(shownUser);
  });

  // Dropping a file anywhere must not navigate away from the page; dropping it on the zone chooses it.
  for (const type of ["dragover", "drop"]) window.addEventListener(type, (event) => event.preventDefault());
  for (const type of ["dragenter", "dragover"]) dropZone.addEventListener(type, () => dropZone.classList.add("dragging"));
  for (const type of ["dragleave", "drop"]) dropZone.addEventListener(type, () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    if (event.dataTransfer?.files.length) {
      fileInput.files = event.dataTransfer.files;
      fileInput.focus();
    }
  });
})();
