/* crmselect web form: saves scores and test-drive marks in the background.
 *
 * Every form also works without JavaScript (a plain post, then a redirect back). With it, a
 * score is sent as soon as it is given (fetch with the CSRF token), the form shows
 * "saving…", "saved" or the error, and a failed connection is retried with a growing pause.
 * Nothing is kept only in the page: leaving it while a save is pending asks first.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var body = document.body;

  function msg(name) {
    return body.getAttribute("data-msg-" + name) || name;
  }

  var pending = new Set();

  function setStatus(form, kind, text, field) {
    var status = form.querySelector(".status");
    if (!status) { return; }
    status.classList.remove("status-saving", "status-saved", "status-error", "status-retry");
    if (kind) { status.classList.add("status-" + kind); }
    status.textContent = text;
    form.classList.toggle("has-error", kind === "error");
    // The error marks what is wrong: the score buttons or the note (not the note for both).
    form.classList.toggle("error-score", kind === "error" && field === "score");
    form.classList.toggle("error-note", kind === "error" && field === "note");
  }

  // A requirement scored or cleared: its group's count "done/total" and the page's progress
  // follow (the save's answer carries no counts: the page knows which forms are scored).
  function markScored(form, scored) {
    var item = form.closest(".req");
    if (!item || item.classList.contains("is-scored") === scored) { return; }
    item.classList.toggle("is-scored", scored);
    var group = item.closest("[data-group]");
    if (!group) { return; }
    document.querySelectorAll('[data-group-count="' + group.getAttribute("data-group") + '"]')
      .forEach(function (el) {
        var parts = el.textContent.split("/");
        var done = parseInt(parts[0], 10) + (scored ? 1 : -1);
        el.textContent = Math.max(0, done) + "/" + parts[1];
      });
    updateProgress(scored ? 1 : -1);
  }

  // The progress bar of requirements (on the scoring page: one per page); its text is made
  // from the translated template the server put in data-progress-text (990001 = done,
  // 990002 = total).
  function updateProgress(step) {
    document.querySelectorAll("[data-progress]").forEach(function (bar) {
      var done = Math.max(0, Math.min(bar.max, bar.value + step));
      bar.value = done;
      var text = bar.parentNode.querySelector("[data-progress-text]");
      var template = text ? text.getAttribute("data-progress-text") : "";
      if (template && template.indexOf("990001") >= 0) {
        text.textContent = template.replace("990001", String(done))
          .replace("990002", bar.getAttribute("max"));
      }
    });
  }

  // The time of a save (ISO 8601 from the server) in the page's language.
  function savedAt(iso) {
    if (!iso) { return ""; }
    var when = new Date(iso);
    if (isNaN(when.getTime())) { return ""; }
    try {
      // In the time zone of the server's own times on the page (the project's), not the
      // browser's: a save would otherwise show 01.10 beside a saved 03.59 of the same day.
      var options = { dateStyle: "medium", timeStyle: "medium" };
      if (root.dataset && root.dataset.tz) { options.timeZone = root.dataset.tz; }
      // The server's locale (en-GB: "7 Dec 2026, 14:30:00"), not the bare language ("en" is
      // American: "Dec 7, 2026, 2:30:00 PM" beside the server's times).
      var locale = (root.dataset && root.dataset.locale) || root.lang || undefined;
      var format;
      try {
        format = new Intl.DateTimeFormat(locale, options);
      } catch (e) {  // a zone the browser does not know: its own
        delete options.timeZone;
        format = new Intl.DateTimeFormat(locale, options);
      }
      if (!/^tr\b/i.test(root.lang || "")) { return format.format(when); }
      // Turkish (TDK) separates hour, minute and second with a full stop: 14.30.00, as the
      // server's own times (crmselect.i18n.formatting.format_timestamp).
      return format.formatToParts(when).map(function (part) {
        return part.type === "literal" && part.value === ":" ? "." : part.value;
      }).join("");
    } catch (e) {
      return when.toLocaleString();
    }
  }

  function hasScore(form) {
    return !form.querySelector('input[name="score"]') ||
      !!form.querySelector('input[name="score"]:checked');
  }

  // A new token after the session changed (signed out, then in again in another tab): the
  // page's own, read from the page fetched again. False when that leads to the sign-in page.
  function renewToken() {
    return fetch(window.location.href, {
      credentials: "same-origin", headers: { "Accept": "text/html" }
    }).then(function (response) {
      var path = new URL(response.url, window.location.href).pathname;
      if (!response.ok || /\/login$/.test(path)) { return ""; }
      return response.text();
    }).then(function (html) {
      if (!html) { return false; }
      var meta = new DOMParser().parseFromString(html, "text/html")
        .querySelector('meta[name="csrf-token"]');
      if (!meta || !meta.getAttribute("content")) { return false; }
      token = meta.getAttribute("content");
      if (tokenMeta) { tokenMeta.setAttribute("content", token); }
      document.querySelectorAll('input[name="csrf_token"]').forEach(function (input) {
        input.value = token;
      });
      return true;
    }).catch(function () { return false; });
  }

  // ``renewed``: this is the save sent again with a new token (it is not renewed twice).
  function send(form, action, renewed) {
    var state = form._save || (form._save = { busy: false, again: false, retry: 0, timer: null });
    state.action = action;
    if (state.busy) { state.again = true; return; }
    if (state.timer) { clearTimeout(state.timer); state.timer = null; }
    if (action !== "clear" && !hasScore(form)) {
      setStatus(form, "", msg("choose"));
      return;
    }
    var data = new URLSearchParams(new FormData(form));
    data.delete("action");
    if (action === "clear") { data.set("action", "clear"); }
    state.busy = true;
    pending.add(form);
    setStatus(form, "saving", msg("saving"));
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, json: json };
      });
    }).then(function (result) {
      state.busy = false;
      // The score as saved now: the next save from this page replaces it. After a refusal
      // because another tab changed it (409), saving again replaces it too, as the message says.
      var stamp = form.querySelector('input[name="stamp"]');
      if (stamp && typeof result.json.stamp === "string") { stamp.value = result.json.stamp; }
      form.classList.toggle("is-stale", result.status === 409);
      form.classList.remove("is-unsent");
      if (result.status === 200 && result.json.ok) {
        state.retry = 0;
        if (action === "clear") {
          form.querySelectorAll('input[type="radio"]').forEach(function (r) { r.checked = false; });
          var note = form.querySelector("textarea");
          if (note) { note.value = ""; }
          form.classList.remove("is-saved");
          markScored(form, false);
        } else {
          form.classList.add("is-saved");
          markScored(form, true);
        }
        // The score save's answer carries no text: the page has it in its language.
        var text = result.json.message || msg(action === "clear" ? "cleared" : "saved");
        var at = savedAt(result.json.saved_at);
        setStatus(form, "saved", text + (at ? " · " + at : ""));
        if (!state.again) { pending.delete(form); }
      } else if (result.status >= 400 && result.status < 500) {
        // The session's token was refused: the person signed out (then maybe in again in
        // another tab). With a new token the save goes through; without one (signed out) the
        // page says so and keeps "Save" at hand for after signing in again.
        if (result.json.reason === "csrf" || result.status === 401) {
          pending.add(form);
          (renewed ? Promise.resolve(false) : renewToken()).then(function (ok) {
            if (ok) { send(form, state.action, true); return; }
            pending.delete(form);
            state.again = false;
            form.classList.add("is-unsent");
            setStatus(form, "error", msg(result.status === 401 ? "signedout" : "expired"));
          });
          return;
        }
        // Refused for what the form held when it was sent (a note missing, a note too long):
        // what the person changed meanwhile (the note typed while this save was on its way)
        // is sent now, not dropped with the refusal.
        if (result.status === 422 && state.again) {
          state.again = false;
          send(form, state.action);
          return;
        }
        // Refused: the person has to act (a note is missing, the session ended, …).
        pending.delete(form);
        state.again = false;
        var error = result.json.error;
        if (result.status === 400 && !error) { error = msg("expired"); }
        if (result.status === 401) { error = msg("signedout"); }
        setStatus(form, "error", (error || msg("failed")), result.json.field);
        return;
      } else {
        throw new Error("server " + result.status);
      }
      if (state.again) {
        state.again = false;
        send(form, state.action);
      }
    }).catch(function () {
      state.busy = false;
      state.retry = Math.min(state.retry + 1, 6);
      var wait = Math.pow(2, state.retry - 1);  // 1, 2, 4 … 32 seconds
      setStatus(form, "retry", msg("retry").replace("{s}", String(wait)));
      state.timer = setTimeout(function () { send(form, state.action); }, wait * 1000);
    });
  }

  function debounce(form, delay) {
    var state = form._save || (form._save = { busy: false, again: false, retry: 0, timer: null });
    if (state.timer) { clearTimeout(state.timer); }
    pending.add(form);
    setStatus(form, "", msg("unsaved"));
    state.timer = setTimeout(function () { state.timer = null; send(form, "save"); }, delay);
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio") { send(form, "save"); }
    });
    var note = form.querySelector("textarea");
    if (note) {
      note.addEventListener("input", function () {
        if (hasScore(form)) { debounce(form, 900); }
      });
      note.addEventListener("blur", function () {
        var state = form._save;
        if (state && state.timer) { clearTimeout(state.timer); state.timer = null; send(form, "save"); }
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      send(form, submitter && submitter.value === "clear" ? "clear" : "save");
    });
  });

  // Arrow keys move the focus between the score buttons without choosing (a radio group
  // would choose, and save, at every step); Space or Enter chooses: one save per choice.
  document.querySelectorAll("form[data-autosave] .scale, form[data-autosave] .segmented")
    .forEach(function (scale) {
    scale.addEventListener("keydown", function (event) {
      var radios = Array.prototype.slice.call(scale.querySelectorAll('input[type="radio"]'));
      var at = radios.indexOf(document.activeElement);
      if (at < 0) { return; }
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (step) {
        event.preventDefault();
        radios[(at + step + radios.length) % radios.length].focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        var radio = radios[at];
        if (!radio.checked) {
          radio.checked = true;
          radio.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
    });
  });

  // "Unscored only" applies at once (without JavaScript, its button sends the form).
  document.querySelectorAll("[data-filter-unscored]").forEach(function (box) {
    box.addEventListener("change", function () { box.form.submit(); });
  });

  // "Next unscored": the next requirement after the one in focus (or the top of the screen)
  // that has no score yet, brought into view with the focus on its score buttons.
  function focusScale(item) {
    var target = item.querySelector('input[name="score"]:checked') ||
      item.querySelector('input[name="score"]');
    item.scrollIntoView({ block: "center" });
    if (target) { target.focus({ preventScroll: true }); }
  }

  // The requirement last worked on (clicking the link takes the focus away from it).
  var lastItem = null;
  document.addEventListener("focusin", function (event) {
    var item = event.target.closest ? event.target.closest(".req") : null;
    if (item) { lastItem = item; }
  });

  document.querySelectorAll("[data-next-unscored]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var items = Array.prototype.slice.call(document.querySelectorAll(".req"));
      var current = lastItem && document.body.contains(lastItem) ? lastItem : null;
      var from = current ? items.indexOf(current) + 1 : 0;
      if (!current) {
        while (from < items.length && items[from].getBoundingClientRect().top < 0) { from++; }
      }
      var open = function (el) { return !el.classList.contains("is-scored"); };
      var next = items.slice(from).filter(open)[0] || items.filter(open)[0];
      if (!next) { return; }
      event.preventDefault();
      if (window.history && history.replaceState) { history.replaceState(null, "", "#" + next.id); }
      focusScale(next);
    });
  });

  // On a phone the scoring page's table of contents starts folded: the first requirement is
  // then on the first screen. (Without JavaScript it stays open.)
  if (window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 900px)");
    var fold = function () {
      document.querySelectorAll("details[data-collapse-narrow]").forEach(function (d) {
        d.open = !narrow.matches;
      });
    };
    fold();
    if (narrow.addEventListener) { narrow.addEventListener("change", fold); }
  }

  window.addEventListener("beforeunload", function (event) {
    if (pending.size > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}());
