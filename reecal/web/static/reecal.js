// reecal's page: keeps countdowns live and shows instants in the browser's zone.
// The page works without this file: the server renders every countdown.  The words
// here mirror reecal/formats/words.py (span) and rows.py (countdown); the browser
// test checks that both say the same for the same instant.
"use strict";
(function () {
  var body = document.body;
  var given = body.dataset.now ? Date.parse(body.dataset.now) : NaN;
  // "Now" is the server's (which may be fixed with --today), moving on with the clock.
  var offset = isNaN(given) ? 0 : given - Date.now();
  var zone = body.dataset.tzGiven ? body.dataset.tz
    : (Intl.DateTimeFormat().resolvedOptions().timeZone || body.dataset.tz || "UTC");
  var isStatic = !!body.dataset.static;

  function now() { return Date.now() + offset; }

  function span(ms) {
    var secs = Math.abs(ms) / 1000;
    if (secs < 60) return "under a minute";
    if (secs < 3600) return Math.floor(secs / 60) + " min";
    if (secs < 86400) {
      var h = Math.floor(secs / 3600), m = Math.floor((secs % 3600) / 60);
      return m ? h + " h " + m + " min" : h + " h";
    }
    var days = Math.floor(secs / 86400);
    if (days === 1) {
      var hours = Math.floor((secs % 86400) / 3600);
      return hours ? "1 day " + hours + " h" : "1 day";
    }
    return days + " days";
  }

  function parts(t) {
    var out = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(t)).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }

  function dayOf(t) { var p = parts(t); return p.year + "-" + p.month + "-" + p.day; }

  function daysBetween(a, b) {  // ISO days a -> b
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  function instant(t) {  // "2025-11-17 23:59 (UTC+08:00)", as words.instant
    var p = parts(t);
    var local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    var off = Math.round((local - Math.floor(t / 1000) * 1000) / 60000);
    var sign = off < 0 ? "-" : "+";
    off = Math.abs(off);
    var hh = String(Math.floor(off / 60)).padStart(2, "0"), mm = String(off % 60).padStart(2, "0");
    return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute
      + (p.second !== "00" ? ":" + p.second : "") + " (UTC" + sign + hh + ":" + mm + ")";
  }

  function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }

  function tick() {
    var t = now(), today = dayOf(t);
    setText(document.getElementById("zone"), zone);
    var nowEl = document.getElementById("now");
    if (nowEl) setText(nowEl, instant(t).slice(0, 16));
    document.querySelectorAll("tr.item").forEach(function (row) {
      var cd = row.querySelector(".countdown"), when = row.querySelector(".when time");
      var d = row.dataset, text, gone = false;
      if (d.at) {
        var at = Date.parse(d.at), delta = at - t, verb = d.reason;
        var past = verb === "closes" ? "closed " : "opened ";
        text = delta > 0 ? verb + " in " + span(delta)
          : delta > -60000 ? verb + " now" : past + span(delta) + " ago";
        gone = delta < 0;
        setText(when, instant(at).slice(0, 16));
      } else {
        var n = +d.days || 1, ahead = daysBetween(today, d.first);
        var within = d.bound === " at the earliest";  // some day of these, not each
        if (ahead >= 0) {
          text = (ahead === 0 ? "today" : ahead === 1 ? "tomorrow" : "in " + ahead + " days")
            + (d.bound || "");
        } else if (1 - ahead <= n) {
          text = within ? "possibly today (day " + (1 - ahead) + " of " + n + ")"
            : "ongoing, day " + (1 - ahead) + " of " + n;
        } else {
          text = "ended"; gone = true;
        }
      }
      setText(cd, text);
      if (isStatic && gone) row.dataset.gone = "1";
    });
    document.querySelectorAll("tr.deadline").forEach(function (row) {
      var d = row.dataset, closes = Date.parse(d.closes), opens = d.opens ? Date.parse(d.opens) : NaN;
      var state, text;
      if (!isNaN(opens) && t < opens) { state = "not-yet-open"; text = "opens in " + span(opens - t); }
      else if (t < closes) { state = "open"; text = "closes in " + span(closes - t); }
      else { state = "closed"; text = "closed " + span(t - closes) + " ago"; }
      setText(row.querySelector(".state"), state);
      setText(row.querySelector(".countdown"), text);
      setText(row.querySelector(".local time"), instant(closes));
    });
    if (isStatic) applyFilters();
  }

  // A static site has no server to filter: rows carry what the filter matches.
  var params = new URLSearchParams(location.search);
  function values(name) { return params.getAll(name).map(function (v) { return v.trim().normalize("NFKC").toLowerCase(); }).filter(Boolean); }
  function matches(row) {
    var f = row.dataset;
    function any(name, field, exact) {
      var wanted = values(name);
      if (!wanted.length) return true;
      var have = (f[field] || "").split("\t");
      return wanted.some(function (w) {
        return have.some(function (h) { return exact ? h === w : h.indexOf(w) >= 0; });
      });
    }
    return any("kind", "fKind", true) && any("status", "fStatus", true) && any("tag", "fTags", true)
      && any("org", "fOrg", false) && any("place", "fPlace", false)
      && any("series", "fSeries", false) && any("q", "fText", false);
  }
  function applyFilters() {
    document.querySelectorAll("tr[data-f-kind]").forEach(function (row) {
      row.hidden = !matches(row) || row.dataset.gone === "1";
    });
  }
  function staticForm() {
    var form = document.getElementById("filters");
    if (!form) return;
    form.querySelectorAll("input[type=checkbox], option").forEach(function (el) {
      var name = el.name || el.parentElement.name;
      if (params.getAll(name).indexOf(el.value) >= 0) {
        if (el.tagName === "OPTION") el.selected = true; else el.checked = true;
      }
    });
    ["place", "q"].forEach(function (name) {
      var input = form.querySelector("input[name=" + name + "]");
      if (input && params.get(name)) input.value = params.get(name);
    });
    // One kind or one tag has a ready-made feed: point the subscribe links at it.
    // Only a value the page offers has a feed: the checkboxes and options are the list.
    var keys = {};
    params.forEach(function (v, k) {
      v = v.trim().toLowerCase();
      if (v) { keys[k] = keys[k] || {}; keys[k][v] = true; }
    });
    var names = Object.keys(keys), all = body.dataset.base + "/calendars/all.ics", feed = all;
    if (names.length === 1 && (names[0] === "kind" || names[0] === "tag")) {
      var values = Object.keys(keys[names[0]]);
      var offered = Array.prototype.some.call(form.querySelectorAll("[name=" + names[0] + "] option, input[name=" + names[0] + "]"),
        function (el) { return el.value === values[0]; });
      if (values.length === 1 && offered) {
        feed = body.dataset.base + "/feeds/" + names[0] + "-" + values[0] + ".ics";
      }
    }
    var note = document.getElementById("static-feed-note-js");
    if (note) note.hidden = !(names.length && feed === all);
    if (feed === all) return;
    var forms = [[all, feed], [all.replace(/^https?:/, "webcal:"), feed.replace(/^https?:/, "webcal:")],
                 [encodeURIComponent(all), encodeURIComponent(feed)]];
    document.querySelectorAll("#subscribe a").forEach(function (a) {
      forms.forEach(function (f) { a.href = a.getAttribute("href").split(f[0]).join(f[1]); });
    });
    var input = document.getElementById("feed-url");
    if (input) input.value = feed;
  }

  if (isStatic) staticForm();
  tick();
  setInterval(tick, 30000);
})();
