// The page's only script before the first paint, in <head>: it decides whether the cookie banner
// is shown, so that what the first paint shows stays (the banner for a visitor who has no valid
// choice, nothing for one who has). It reads the stored choice exactly as the WebAssembly does
// (src/consent/record.rs: `status`), which then takes over. It also queues clicks made before the
// app is ready and loads the app once the page has loaded.
//
// A template: the build (src/consent/first_paint.rs) fills in each name between percent signs from the Rust constant
// it stands for, so both sides use one vocabulary. Written for any browser that has import().
(function () {
  var html = document.documentElement;
  html.classList.add(%JS_CLASS%);

  function meta(name) {
    return document.querySelector('meta[name="' + name + '"]');
  }
  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
  function hasKeys(object, keys) {
    return Object.keys(object).join(',') === keys.join(',');
  }
  // A year (CHOICE_MONTHS) later, clamped to the month's last day, in UTC: Instant::add_months.
  function addMonths(time, months) {
    var t = new Date(time);
    var year = t.getUTCFullYear();
    var month = t.getUTCMonth() + months;
    var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(t.getUTCDate(), last), t.getUTCHours(), t.getUTCMinutes(),
      t.getUTCSeconds(), t.getUTCMilliseconds());
  }

  var revisions = {};
  var revisionsMeta = meta(%REVISIONS_META%);
  (revisionsMeta ? revisionsMeta.content : '').split(' ').forEach(function (pair) {
    var at = pair.indexOf(':');
    if (at > 0) revisions[pair.slice(0, at)] = pair.slice(at + 1);
  });

  // Why the banner asks (Ask::key), or null when a valid choice is stored. Like the WebAssembly
  // (record::read), it trusts only the record's canonical text: the portal's own compact JSON,
  // its keys in order.
  function reasonToAsk(text, now) {
    var record = JSON.parse(text);
    if (!isPlainObject(record) || !Number.isSafeInteger(record.version)) return %ASK_UNREADABLE%;
    if (record.version !== %RECORD_VERSION%) return %ASK_OTHER_VERSION%;
    var choices = record.choices;
    var wellFormed = JSON.stringify(record) === text &&
      hasKeys(record, %RECORD_KEYS%) && typeof record.id === 'string' &&
      Number.isSafeInteger(record.time) && isPlainObject(choices) && hasKeys(choices, %CHOICE_KEYS%) &&
      %CHOICE_KEYS%.every(function (key) { return typeof choices[key] === 'boolean'; }) &&
      typeof record.revision === 'string' && typeof record.gpc === 'boolean' &&
      Object.prototype.hasOwnProperty.call(revisions, record.lang);
    var revisionShape = new RegExp('^[0-9a-f]{' + %REVISION_LENGTH% + '}$');
    if (!wellFormed || !/^[0-9a-f]{32}$/.test(record.id) || !revisionShape.test(record.revision) ||
      record.time < 0 || record.time > now + %FUTURE_SLACK_MS%) {
      return %ASK_UNREADABLE%;
    }
    if (revisions[record.lang] !== record.revision) return %ASK_CHANGED%;
    if (now >= addMonths(record.time, %CHOICE_MONTHS%)) return %ASK_EXPIRED%;
    previous = choices;
    previousId = record.id;
    return null;
  }

  // The moment of the decision, which the app decides at too (so both agree at the edge).
  var now = Date.now();
  // The choices of the valid stored record, if any (what a choice made here would withdraw).
  var previous = {};
  // Its id: a new choice in this browser keeps it (record.rs, Record::id), so the company's log
  // can tell a withdrawal from a first refusal.
  var previousId = null;
  window[%FIRST_PAINT_NOW%] = now;
  var reason = %ASK_FIRST_VISIT%;
  var text = null;
  try {
    text = window.localStorage.getItem(%STORAGE_KEY%);
  } catch (blocked) {
    // Storage is blocked: nothing can be stored, the banner asks and says so.
    html.classList.add(%NO_STORAGE_CLASS%);
  }
  // Nothing longer than a record can be is parsed (record::MAX_RECORD_LENGTH): the app does not
  // parse it either, and a value nested thousands deep is no choice.
  if (text !== null) {
    try {
      reason = text.length > %MAX_RECORD_LENGTH% ? %ASK_UNREADABLE% : reasonToAsk(text, now);
    } catch (notJson) {
      reason = %ASK_UNREADABLE%;
    }
  }
  var gpc = navigator.globalPrivacyControl === true;
  if (gpc) html.classList.add(%GPC_CLASS%);
  if (reason !== null) {
    html.classList.add(%ASK_CLASS%);
    html.setAttribute(%ASK_REASON_ATTRIBUTE%, reason);
  }

  // Google's tag reads commands from `dataLayer` as `arguments` objects: the standard `gtag()`.
  // Defining it loads nothing; the app loads Google's tag only after consent.
  window.dataLayer = window.dataLayer || [];
  window[%GTAG%] = function () {
    window.dataLayer.push(arguments);
  };

  // Loads a WebAssembly module (its glue, then the .wasm), both URLs relative to the page: the
  // app below, and the request form when a visitor opens it.
  function resolve(url) {
    return new URL(url, document.baseURI).href;
  }
  window[%LOAD_MODULE%] = function (module, wasm) {
    return import(resolve(module)).then(function (glue) {
      return glue.default({ module_or_path: resolve(wasm) }).then(function () {
        return glue;
      });
    });
  };

  // When the app cannot start (for any reason), the buttons still answer: a choice is stored as
  // the app stores it (record.rs), and the cookies of what it refuses are deleted on the host and
  // its parent domains (cookies.rs), so no refusal or withdrawal depends on the WebAssembly.
  // The services (Google's tag, Matomo, Meta's pixel), which only the app loads, stay out of this
  // page view.
  var failed = false;
  function byId(id) {
    return document.getElementById(id);
  }
  function toggle(purpose) {
    return document.querySelector('[' + %PURPOSE_ATTRIBUTE% + '="' + purpose + '"]');
  }
  // The purposes the site asks about (catalogue::OPTIONAL), each as [its key, the purpose it
  // works through or null (PurposeExt::needs), whether Global Privacy Control refuses it]; the
  // settings view has a switch for each, and for no other.
  var asked = %ASKED%;
  function isAsked(key) {
    return asked.some(function (p) { return p[0] === key; });
  }
  // What `wanted` allows as it takes effect (record.rs, Choices::effective_for): only what the
  // site asks about, each with what it works through, nothing GPC refuses. Every key of the
  // record, so the stored record has its shape.
  function effective(wanted) {
    var choices = {};
    %CHOICE_KEYS%.forEach(function (key) { choices[key] = false; });
    asked.forEach(function (p) {
      choices[p[0]] = !!wanted[p[0]] && (!p[1] || !!wanted[p[1]] && isAsked(p[1])) && !(p[2] && gpc);
    });
    return choices;
  }
  // A switch is off and disabled while what it works through is off, or under GPC when it
  // refuses it (controller::sync_switches).
  function syncSwitches() {
    asked.forEach(function (p) {
      var input = toggle(p[0]);
      var blocked = p[2] && gpc || !!p[1] && !toggle(p[1]).checked;
      var described = input.getAttribute('aria-describedby') || '';
      if (blocked) input.checked = false;
      input.disabled = blocked;
      if (p[2] && gpc && described.split(' ').indexOf(%GPC_NOTE_ID%) < 0) {
        input.setAttribute('aria-describedby', described + ' ' + %GPC_NOTE_ID%);
      }
    });
  }
  // The cookies of each optional purpose, asked or not (catalogue::cookie_pattern): what a
  // refusal deletes.
  var cookiesOf = %COOKIES%;
  // Deletes the cookies of every purpose `choices` does not allow: host-only, then on every
  // domain the host is in (the browser ignores those it cannot be).
  function deleteRefused(choices) {
    var labels = location.hostname.split('.');
    document.cookie.split(';').forEach(function (pair) {
      var name = pair.split('=')[0].trim();
      if (cookiesOf.some(function (c) { return !choices[c[0]] && c[1].test(name); })) {
        for (var i = -1; i < labels.length; i++) {
          document.cookie = name + %COOKIE_EXPIRY% + (i < 0 ? '' : '; Domain=' + labels.slice(i).join('.'));
        }
      }
    });
  }
  function fallback(action) {
    var dialog = byId(%SETTINGS_ID%);
    if (action === %ACTION_SETTINGS%) {
      // The switches show the choice in force (all off without one).
      asked.forEach(function (p) { toggle(p[0]).checked = !!previous[p[0]]; });
      syncSwitches();
      return dialog.open || dialog.showModal();
    }
    if (action === %ACTION_CLOSE%) return dialog.close();
    // Only the three choices are stored; anything else (the receipt, which needs the app and
    // shows only with it) is left alone.
    if (action !== %ACTION_ACCEPT_ALL% && action !== %ACTION_REJECT_ALL% && action !== %ACTION_SAVE%) return;
    var wanted = {};
    asked.forEach(function (p) {
      wanted[p[0]] = action === %ACTION_ACCEPT_ALL% || action === %ACTION_SAVE% && toggle(p[0]).checked;
    });
    var choices = effective(wanted);
    var lang = html.lang;
    var message = %MESSAGE_NOT_STORED%;
    var text = null;
    try {
      var id = previousId || Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(%ID_LENGTH% / 2)), function (b) {
        return (b + 256).toString(16).slice(1);
      }).join('');
      text = JSON.stringify({ version: %RECORD_VERSION%, id: id, time: Date.now(),
        choices: choices, revision: revisions[lang], lang: lang, gpc: gpc });
      localStorage.setItem(%STORAGE_KEY%, text);
      message = %MESSAGE_SAVED%;
    } catch (notStored) {
      html.classList.add(%NO_STORAGE_CLASS%);
    }
    // The company's consent log, when the site has one (consent::log): the record and the page's
    // path, queued by the browser; nothing waits for it. Also when storage refused it (the choice
    // then holds for this page view), as the app does; not without an id.
    var log = revisionsMeta && revisionsMeta.getAttribute(%LOG_ATTRIBUTE%);
    if (text && log && navigator.sendBeacon) {
      navigator.sendBeacon(log, '{"path":' + JSON.stringify(location.pathname) + ',"record":' + text + '}');
    }
    if (%CHOICE_KEYS%.some(function (key) { return previous[key] && !choices[key]; })) message = %MESSAGE_WITHDRAWN%;
    previous = choices;
    if (message !== %MESSAGE_NOT_STORED%) previousId = id;
    deleteRefused(choices);
    html.classList.remove(%ASK_CLASS%);
    html.removeAttribute(%ASK_REASON_ATTRIBUTE%);
    // Emptied first and filled a frame later, so that the same message again is announced again.
    var status = byId(%STATUS_ID%);
    status.textContent = '';
    requestAnimationFrame(function () {
      status.textContent = status.getAttribute(message);
    });
    dialog.close();
    // Focus goes back where it was, or to the notice when that is gone (a button of the banner).
    var active = document.activeElement;
    if (!active || active === document.body || !active.offsetWidth) byId(%NOTICE_ID%).focus({ preventScroll: true });
  }

  // Clicks on the portal's buttons before the app is ready: the app replays the last one. If the
  // app cannot start, the fallback above answers them instead.
  var early = window[%EARLY_CLICKS%] = [];
  document.addEventListener('click', function (event) {
    // Ready, unless the app failed after saying so.
    if (window[%APP_READY%] && !failed) return;
    var button = event.target.closest && event.target.closest('[' + %ACTION_ATTRIBUTE% + ']');
    if (!button) return;
    var action = button.getAttribute(%ACTION_ATTRIBUTE%);
    if (!failed) return early.push(action);
    event.stopPropagation();
    fallback(action);
  }, true);

  // The app only enhances the page: load it once the page has loaded and the browser is idle, so
  // that it never competes with the notice's own paints (clicks made meanwhile are kept above).
  var app = meta(%APP_META%);
  if (!app) return;
  function start() {
    window[%LOAD_MODULE%](app.content, app.getAttribute(%APP_WASM_ATTRIBUTE%)).catch(function (error) {
      // The banner and the footer's settings button stay, answered by the fallback (and the
      // click made while the app was loading, if any).
      // What the stored choice in force does not allow goes now, as the app would have done.
      failed = true;
      deleteRefused(effective(previous));
      // An expired choice is not kept (as the app does on start).
      if (reason === %ASK_EXPIRED%) {
        try { localStorage.removeItem(%STORAGE_KEY%); } catch (blocked) {}
      }
      byId(%SETTINGS_ID%).addEventListener('change', syncSwitches);
      if (early.length) fallback(early.pop());
      console.warn('The app did not start; the consent buttons work without it.', error);
    });
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 1000 });
    else setTimeout(start, 0);
  }
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
