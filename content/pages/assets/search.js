// The search page, on Pagefind's JavaScript API: a reader's search fetches only the index
// chunks and result fragments of the words typed. Results are built as DOM nodes from
// text (titles, addresses) and from Pagefind's excerpt read as inert markup, keeping only
// its <mark> highlights: nothing from the index is ever inserted as HTML.
(function () {
  var PAGE = 10;
  var form, input, status, list, more, pagefind, results = [], shown = 0, searchId = 0, seen = {};
  // What each page of the site is, by the first folder of its address: a result says it.
  var KINDS = {
    briefs: "Brief", articles: "Article text", actors: "Actor", topics: "Topic", stories: "Story",
    sources: "Source", figures: "Figures", scenarios: "Scenarios", changes: "What's new"
  };

  function bundle() {
    var config = document.getElementById("__config");
    var base = config ? (JSON.parse(config.textContent).base || ".") : "..";
    return new URL(base.replace(/\/$/, "") + "/pagefind/", window.location.href).href;
  }
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body;
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(parsed.firstChild ? parsed.firstChild.childNodes : [], function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }
  function place(data) {
    // The page's folder and name under the site's base: "briefs" and "x" for /briefs/x/.
    var path = new URL(data.url, bundle()).pathname;
    var base = bases.filter(function (b) { return path.indexOf(b) === 0; })
      .sort(function (a, b) { return b.length - a.length; })[0] || "";
    var parts = path.slice(base.length).split("/").filter(Boolean);
    return { folder: parts[0] || "", name: parts[1] || "" };
  }
  function resultItem(data) {
    var item = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "digest-result-kind";
    kind.textContent = KINDS[place(data).folder] || "Page";
    var link = document.createElement("a");
    var url = new URL(data.url, bundle());
    link.href = url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
    link.className = "digest-search-result";
    link.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.appendChild(excerptNodes(data.excerpt || ""));
    item.appendChild(kind);
    item.appendChild(link);
    item.appendChild(excerpt);
    return item;
  }
  function excerptText(data) {
    return new DOMParser().parseFromString("<p>" + (data.excerpt || "") + "</p>", "text/html").body.textContent
      .replace(/\s+/g, " ").trim();
  }
  function kept(batch) {
    // Each sentence once, on its best page: a brief comes before its article text, and an
    // article-text result whose brief is listed too, or a result whose excerpt was shown
    // already, is left out.
    var briefs = {};
    batch.forEach(function (data) { if (place(data).folder === "briefs") { briefs[place(data).name] = true; } });
    batch.sort(function (a, b) { return (place(a).folder === "articles") - (place(b).folder === "articles"); });
    return batch.filter(function (data) {
      var where = place(data), text = excerptText(data);
      if (where.folder === "articles" && (briefs[where.name] || seen["brief:" + where.name])) { return false; }
      if (text && seen[text]) { return false; }
      seen[text] = true;
      if (where.folder === "briefs") { seen["brief:" + where.name] = true; }
      return true;
    });
  }
  function showMore(id) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (id !== searchId) { return; }
      kept(all).forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }
  function run(query) {
    var id = ++searchId;
    list.textContent = "";
    shown = 0;
    results = [];
    seen = {};
    more.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (api) { return api.search(query); }).then(function (found) {
      if (id !== searchId) { return; }
      results = found.results;
      status.textContent = results.length === 1 ? "1 page found" : results.length + " pages found";
      return showMore(id);
    }).catch(function () { status.textContent = "Search is not available on this copy of the site."; });
  }
  var bases = [];  // the address of this site and of every shard merged into its search
  var PART = /^pagefind-parts\/[a-z0-9-]+\/$/;
  function listed(url, key) {
    return fetch(url).then(function (response) {
      return response.ok ? response.json() : {};
    }).catch(function () { return {}; }).then(function (data) {
      return Array.isArray(data[key]) ? data[key] : [];
    });
  }
  function mergeParts(api, site, base) {
    // A large site's index is in parts (search-parts.json lists them; a build indexes
    // again only the parts whose pages changed): each is merged into every search.
    return listed(site + "search-parts.json", "parts").then(function (parts) {
      return Promise.all(parts.filter(function (part) { return PART.test(part); }).map(function (part) {
        return api.mergeIndex(new URL(part, site).href, { baseUrl: base });
      }));
    });
  }
  function mergeShards(api) {
    // A digest published as several sites (one per year): search-shards.json lists the
    // others, and Pagefind merges their indexes into each search (its multisite search).
    return listed(bundle() + "../search-shards.json", "shards").then(function (shards) {
      return Promise.all(shards.map(function (shard) {
        var site = new URL(shard, bundle() + "../");
        bases.push(site.pathname);
        return api.mergeIndex(site.href + "pagefind/", { baseUrl: site.pathname })
          .then(function () { return mergeParts(api, site.href, site.pathname); });
      }));
    });
  }
  function load() {
    if (!pagefind) {
      pagefind = import(bundle() + "pagefind.js").then(function (api) {
        var site = new URL(bundle() + "../");
        bases = [site.pathname];
        return Promise.resolve(api.options ? api.options({ baseUrl: bases[0] }) : null)
          .then(function () { return mergeParts(api, site.href, bases[0]); })
          .then(function () { return mergeShards(api); })
          .then(function () { return api; });
      });
    }
    return pagefind;
  }
  function start() {
    form = document.querySelector(".digest-search-form");
    input = document.getElementById("digest-search-input");
    status = document.getElementById("digest-search-status");
    list = document.getElementById("digest-search-results");
    more = document.getElementById("digest-search-more");
    if (!form || !input) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
      run(input.value);
    });
    more.addEventListener("click", function () { showMore(searchId); });
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (query) { run(query); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
