// The page's only script before the first paint, in <head>: it decides whether the cookie banner
// is shown, so that what the first paint shows stays (the banner for a visitor who has no valid
// choice, nothing for one who has). It reads the stored choice exactly as the WebAssembly does
// (src/consent/record.rs: `status`), which then takes over. It also queues clicks made before the
// app is ready, answers a choice itself until the app is loaded, and loads the app when the page
// needs it.
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

  // The site's services (catalogue: SERVICES), in the site folder's order, each as [its id, its
  // purpose's key, /the names of its cookies/ (catalogue::service_cookie_pattern), the keys of
  // the purposes it serves (catalogue::serves)].
  var services = %SERVICES%;
  // Refused services as stored (RefusedServices): ids of this site's services, each once, in its
  // order.
  function inOrder(ids) {
    var next = 0;
    return Array.isArray(ids) && ids.every(function (id) {
      for (var i = next; i < services.length; i++) {
        if (services[i][0] === id) {
          next = i + 1;
          return true;
        }
      }
      return false;
    });
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
      %PURPOSE_KEYS%.every(function (key) { return typeof choices[key] === 'boolean'; }) &&
      inOrder(choices.refused_services) &&
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
    previousTime = record.time;
    return null;
  }

  // The choices of the valid stored record, if any (what a choice made here would withdraw).
  var previous = {};
  // Its id: a new choice in this browser keeps it (record.rs, Record::id), so the company's log
  // can tell a withdrawal from a first refusal.
  var previousId = null;
  // And when it was made.
  var previousTime = 0;
  // Whether storage is blocked (it throws): nothing can be stored, the banner says so.
  var blocked = false;
  // Reads the stored choice as it is at `now` (another tab may have changed it since the page
  // loaded): the reason to ask, or null; `previous` and `previousId` follow it.
  function readStored(now) {
    previous = {};
    previousId = null;
    var text = null;
    try {
      text = window.localStorage.getItem(%STORAGE_KEY%);
    } catch (refused) {
      blocked = true;
    }
    if (text === null) return %ASK_FIRST_VISIT%;
    // Nothing longer than a record can be is parsed (record::MAX_RECORD_LENGTH): the app does not
    // parse it either, and a value nested thousands deep is no choice.
    try {
      return text.length > %MAX_RECORD_LENGTH% ? %ASK_UNREADABLE% : reasonToAsk(text, now);
    } catch (notJson) {
      return %ASK_UNREADABLE%;
    }
  }
  // The moment of the decision, which the app decides at too when it starts right after (so both
  // agree at the edge); an app loaded later decides when it is loaded.
  var now = Date.now();
  window[%FIRST_PAINT_NOW%] = now;
  var reason = readStored(now);
  if (blocked) html.classList.add(%NO_STORAGE_CLASS%);
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

  // Until the app is loaded, and when it cannot start (for any reason), the buttons still answer:
  // a choice is stored as the app stores it (record.rs), and the cookies of what it refuses are
  // deleted on the host and its parent domains (cookies.rs), so no choice waits for the
  // WebAssembly and no refusal or withdrawal depends on it. The services (Google's tag, Matomo,
  // Meta's pixel) only the app loads: a choice that allows one loads the app.
  var failed = false;
  function byId(id) {
    return document.getElementById(id);
  }
  function toggle(purpose) {
    return document.querySelector('[' + %PURPOSE_ATTRIBUTE% + '="' + purpose + '"]');
  }
  // The switch of a single service (only a purpose with more than one service has them).
  function serviceToggle(id) {
    return document.querySelector('[' + %SERVICE_ATTRIBUTE% + '="' + id + '"]');
  }
  // Whether `choices` (as they take effect) lets the service `s` run.
  function allowsService(choices, s) {
    return !!choices[s[1]] && (choices.refused_services || []).indexOf(s[0]) < 0;
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
  // A purpose whose every service is refused is refused; a refused service is kept only inside a
  // purpose that takes effect.
  function effective(wanted) {
    var refused = wanted.refused_services || [];
    function want(key) {
      var of = services.filter(function (s) { return s[3].indexOf(key) >= 0; });
      return !!wanted[key] && !(of.length && of.every(function (s) { return refused.indexOf(s[0]) >= 0; }));
    }
    var choices = {};
    %PURPOSE_KEYS%.forEach(function (key) { choices[key] = false; });
    asked.forEach(function (p) {
      choices[p[0]] = want(p[0]) && (!p[1] || want(p[1]) && isAsked(p[1])) && !(p[2] && gpc);
    });
    choices.refused_services = services.filter(function (s) {
      return choices[s[1]] && refused.indexOf(s[0]) >= 0;
    }).map(function (s) { return s[0]; });
    return choices;
  }
  // A switch is off and disabled while what it works through is off, or under GPC when it
  // refuses it (controller::sync_switches).
  // A service's switch follows its purpose's: off and disabled with it, and described by the
  // GPC note with it.
  function syncSwitches() {
    asked.forEach(function (p) {
      var input = toggle(p[0]);
      if (!input) return;
      var blocked = p[2] && gpc || !!p[1] && !(toggle(p[1]) || {}).checked;
      var switches = [input];
      services.forEach(function (s) {
        if (s[1] === p[0] && serviceToggle(s[0])) switches.push(serviceToggle(s[0]));
      });
      switches.forEach(function (own) {
        var described = own.getAttribute('aria-describedby') || '';
        if (blocked) own.checked = false;
        own.disabled = blocked;
        if (p[2] && gpc && described.split(' ').indexOf(%GPC_NOTE_ID%) < 0) {
          own.setAttribute('aria-describedby', described + ' ' + %GPC_NOTE_ID%);
        }
      });
    });
  }
  // A purpose's switch sets all its services' switches; a service's switch turns its purpose's on
  // when one of them is on, off when none is. In the capture phase, before the switches are
  // synced (here and by the app), so that both see the purpose as the services make it.
  document.addEventListener('change', function (event) {
    var target = event.target;
    if (!target || !target.getAttribute) return;
    var purpose = target.getAttribute(%PURPOSE_ATTRIBUTE%);
    var of = target.getAttribute(%SERVICE_PURPOSE_ATTRIBUTE%);
    if (purpose) {
      services.forEach(function (s) {
        if (s[1] === purpose && serviceToggle(s[0])) serviceToggle(s[0]).checked = target.checked;
      });
    } else if (of && toggle(of)) {
      toggle(of).checked = services.some(function (s) {
        return s[1] === of && !!(serviceToggle(s[0]) || {}).checked;
      });
    }
  }, true);
  // The cookies of each optional purpose, asked or not (catalogue::cookie_pattern): what a
  // refusal deletes.
  var cookiesOf = %COOKIES%;
  // Deletes the cookies of every purpose `choices` does not allow, and of every service it does
  // not let run: host-only, then on every domain the host is in (the browser ignores those it
  // cannot be).
  function deleteRefused(choices) {
    var labels = location.hostname.split('.');
    var cookies = '';
    try {
      cookies = document.cookie;
    } catch (sandboxed) {
      // A document without cookies (a sandboxed frame) has none to delete.
    }
    cookies.split(';').forEach(function (pair) {
      var name = pair.split('=')[0].trim();
      if (cookiesOf.some(function (c) { return !choices[c[0]] && c[1].test(name); }) ||
        services.some(function (s) { return !allowsService(choices, s) && s[2].test(name); })) {
        for (var i = -1; i < labels.length; i++) {
          document.cookie = name + %COOKIE_EXPIRY% + (i < 0 ? '' : '; Domain=' + labels.slice(i).join('.'));
        }
      }
    });
  }
  // The settings view's facts of the stored choice (when, until when, its id, each purpose), or
  // its "no choice stored" parts, as the app writes them (controller::sync).
  function showRecord() {
    var has = previousId !== null;
    document.querySelectorAll('[' + %SHOW_ATTRIBUTE% + ']').forEach(function (element) {
      element.hidden = (element.getAttribute(%SHOW_ATTRIBUTE%) === %SHOW_RECORD%) !== has;
    });
    if (!has) return;
    function fact(key, text) {
      document.querySelectorAll('[' + %FACT_ATTRIBUTE% + '="' + key + '"]').forEach(function (element) {
        element.textContent = typeof text === 'function' ? text(element) : text;
      });
    }
    function local(time) {
      return new Date(time).toLocaleString(%LOCALES%[html.lang], { dateStyle: 'long', timeStyle: 'short' });
    }
    fact(%FACT_SAVED%, local(previousTime));
    fact(%FACT_VALID_UNTIL%, local(addMonths(previousTime, %CHOICE_MONTHS%)));
    fact(%FACT_ID%, previousId);
    asked.forEach(function (p) {
      fact(p[0], function (element) {
        return element.getAttribute(previous[p[0]] ? %ALLOWED_TEXT_ATTRIBUTE% : %REFUSED_TEXT_ATTRIBUTE%);
      });
    });
    services.forEach(function (s) {
      document.querySelectorAll('[' + %SERVICE_FACT_ATTRIBUTE% + '="' + s[0] + '"]').forEach(function (element) {
        element.textContent = element.getAttribute(allowsService(previous, s) ? %ALLOWED_TEXT_ATTRIBUTE% : %REFUSED_TEXT_ATTRIBUTE%);
      });
    });
  }
  var following = false;
  // Answers `action`. Before the app has failed, a choice that cannot be stored is left to the
  // app (which holds it for the page view and says so): returns false then, having done nothing.
  function fallback(action) {
    var dialog = byId(%SETTINGS_ID%);
    if (action === %ACTION_SETTINGS%) {
      if (!dialog || dialog.open) return;
      // The switches show the choice in force (all off without one), as the app's do, as it is
      // stored now (another tab may have changed it). With storage blocked, the choice of this
      // page view is in force.
      if (!blocked) readStored(Date.now());
      var inForce = effective(previous);
      asked.forEach(function (p) {
        if (toggle(p[0])) toggle(p[0]).checked = !!inForce[p[0]];
      });
      services.forEach(function (s) {
        if (serviceToggle(s[0])) serviceToggle(s[0]).checked = allowsService(inForce, s);
      });
      syncSwitches();
      if (!following) dialog.addEventListener('change', syncSwitches);
      following = true;
      showRecord();
      window[%SETTINGS_OPENER%] = document.activeElement;
      return dialog.showModal();
    }
    if (action === %ACTION_CLOSE%) return dialog && dialog.close();
    // Only the three choices are stored; anything else (the receipt, which needs the app) is
    // left alone.
    if (!choosing(action)) return;
    // What is stored now: a choice made in another tab since this page loaded is what this one
    // changes (its id kept, a withdrawal said as such). With storage blocked, the choice of this
    // page view is.
    if (!blocked) readStored(Date.now());
    var wanted = { refused_services: [] };
    asked.forEach(function (p) {
      wanted[p[0]] = action === %ACTION_ACCEPT_ALL% || action === %ACTION_SAVE% && !!(toggle(p[0]) || {}).checked;
    });
    // Saved: the services switched off inside their purpose (controller::switches).
    services.forEach(function (s) {
      var own = serviceToggle(s[0]);
      if (action === %ACTION_SAVE% && own && !own.checked) wanted.refused_services.push(s[0]);
    });
    var choices = effective(wanted);
    var lang = html.lang;
    var message = %MESSAGE_NOT_STORED%;
    var stored = false;
    var text = null;
    try {
      var id = previousId || Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(%ID_LENGTH% / 2)), function (b) {
        return (b + 256).toString(16).slice(1);
      }).join('');
      var time = Date.now();
      text = JSON.stringify({ version: %RECORD_VERSION%, id: id, time: time,
        choices: choices, revision: revisions[lang], lang: lang, gpc: gpc });
      localStorage.setItem(%STORAGE_KEY%, text);
      stored = true;
      message = %MESSAGE_SAVED%;
    } catch (notStored) {
      if (!failed) return false;
      html.classList.add(%NO_STORAGE_CLASS%);
    }
    // The app, loaded later, decides on the stored choice at this moment.
    window[%FIRST_PAINT_NOW%] = Date.now();
    // The company's consent log, when the site has one (consent::log): the record and the page's
    // path, queued by the browser; nothing waits for it. Also when storage refused it (the choice
    // then holds for this page view), as the app does; not without an id.
    var log = revisionsMeta && revisionsMeta.getAttribute(%LOG_ATTRIBUTE%);
    if (text && log && navigator.sendBeacon) {
      navigator.sendBeacon(log, '{"path":' + JSON.stringify(location.pathname) + ',"record":' + text + '}');
    }
    // Withdrawn: what was in force, a purpose or a service, is no longer (as the app counts it,
    // Choices::withdraws).
    var before = effective(previous);
    if (%PURPOSE_KEYS%.some(function (key) { return before[key] && !choices[key]; }) ||
      services.some(function (s) { return allowsService(before, s) && !allowsService(choices, s); })) {
      message = %MESSAGE_WITHDRAWN%;
    }
    previous = choices;
    // The record shown in the settings is the one stored (none when storage refused it).
    if (stored) {
      previousId = id;
      previousTime = time;
    } else {
      previousId = null;
    }
    deleteRefused(choices);
    html.classList.remove(%ASK_CLASS%);
    html.removeAttribute(%ASK_REASON_ATTRIBUTE%);
    // Emptied first and filled a frame later, so that the same message again is announced again.
    var status = byId(%STATUS_ID%);
    status.setAttribute(%STATUS_MESSAGE_ATTRIBUTE%, message);
    status.textContent = '';
    requestAnimationFrame(function () {
      status.textContent = status.getAttribute(message);
    });
    // A press the app was to answer is superseded by this choice.
    early.length = 0;
    if (dialog) dialog.close();
    // Focus goes back where it was, or to the notice when that is gone (a button of the banner;
    // the notice may not be parsed yet on a slow phone).
    var active = document.activeElement;
    var notice = byId(%NOTICE_ID%);
    if (notice && (!active || active === document.body || !active.offsetWidth)) notice.focus({ preventScroll: true });
    return true;
  }
  // What the stored choice in force does not allow goes now (as the app does on start, when it
  // is loaded at all), and an expired choice is not kept longer than the cookie table says.
  deleteRefused(effective(previous));
  if (reason === %ASK_EXPIRED%) {
    try { localStorage.removeItem(%STORAGE_KEY%); } catch (blocked) {}
  }

  // The app (the consent controller, the contents' marker, the form's loader) is fetched only when
  // the page needs it: a stored choice that starts a service, the request form, a press on one of
  // the portal's buttons that the head script does not answer itself, the contents in use (a
  // scroll on a wide screen, where they are shown beside the notice; the contents opened; a jump
  // to a section), or a key pressed (a keyboard user on the way to the buttons). A visitor who
  // refused and only reads a phone's page never fetches it.
  var app = meta(%APP_META%);
  var loading = false;
  var wideScreen = window.matchMedia(%WIDE_SCREEN_QUERY%);
  function loadApp() {
    if (loading || !app) return;
    loading = true;
    window.removeEventListener('scroll', onScroll);
    // The app decides on the stored choice when it is loaded, not when the page was.
    window[%FIRST_PAINT_NOW%] = Date.now();
    window[%LOAD_MODULE%](app.content, app.getAttribute(%APP_WASM_ATTRIBUTE%)).catch(function (error) {
      // The banner and the footer's settings button stay, answered by the fallback (and the
      // click made while the app was loading, if any).
      failed = true;
      console.warn('The app did not start; the consent buttons work without it.', error);
      if (early.length) fallback(early.pop());
    });
  }
  // The request form's module, fetched and compiled beside the app (not after it) when the form is
  // about to open; the app's form loader takes this promise.
  function loadForm() {
    var root = byId(%REQUEST_ROOT_ID%);
    if (window[%FORM_LOADING%] || !root) return;
    var loading = window[%LOAD_MODULE%](root.getAttribute(%FORM_MODULE_ATTRIBUTE%), root.getAttribute(%FORM_WASM_ATTRIBUTE%));
    // A failed load is forgotten, so that the app's loader tries again (and says so).
    loading.catch(function () { window[%FORM_LOADING%] = null; });
    window[%FORM_LOADING%] = loading;
  }
  function wide() {
    return wideScreen.matches;
  }
  function onScroll() {
    if (wide()) loadApp();
  }
  // Whether a button's action is a choice (the head script answers it itself).
  function choosing(action) {
    return action === %ACTION_ACCEPT_ALL% || action === %ACTION_REJECT_ALL% || action === %ACTION_SAVE%;
  }
  // Whether it opens or closes the settings view (the head script answers it itself).
  function moving(action) {
    return action === %ACTION_SETTINGS% || action === %ACTION_CLOSE%;
  }
  function allowsAny(choices) {
    var e = effective(choices);
    return %PURPOSE_KEYS%.some(function (key) { return e[key]; });
  }

  // Clicks on the portal's buttons before the app is ready: a choice is answered here at once
  // and stored, so nothing is lost if the page closes; anything else (the settings, the receipt)
  // is kept for the app, which replays the last one. If the app cannot start, the fallback
  // answers everything.
  var early = window[%EARLY_CLICKS%] = [];
  document.addEventListener('click', function (event) {
    // Ready, unless the app failed after saying so.
    if (window[%APP_READY%] && !failed) return;
    var target = event.target.closest ? event.target : null;
    // A "Tee pyyntö" link: the browser follows it to the form, which the app opens with its right.
    var request = target && target.closest('[' + %REQUEST_RIGHT_ATTRIBUTE% + ']');
    if (request) {
      window[%EARLY_REQUEST%] = request.getAttribute(%REQUEST_RIGHT_ATTRIBUTE%);
      // Without the app nothing can open the form: the page's own way to send a request stays.
      if (!failed) loadForm();
      return loadApp();
    }
    var button = target && target.closest('[' + %ACTION_ATTRIBUTE% + ']');
    if (!button) return;
    var action = button.getAttribute(%ACTION_ATTRIBUTE%);
    var chooses = choosing(action);
    if (failed) {
      event.stopPropagation();
      return fallback(action);
    }
    // The settings open (and close) at once, with the stored choice's facts; the app is not
    // needed for them (the receipt inside is kept for it).
    if (moving(action)) {
      event.stopPropagation();
      // The last press counts: one kept for the app before this is dropped.
      early.length = 0;
      return fallback(action);
    }
    if (chooses && fallback(action)) {
      event.stopPropagation();
      // A choice that starts a service needs the app.
      if (allowsAny(previous)) loadApp();
      return;
    }
    early.push(action);
    loadApp();
  }, true);
  // A press on a button that the app answers (the receipt: the rest is answered here) or on a
  // "Tee pyyntö" link starts the fetch before its click comes.
  document.addEventListener('pointerdown', function (event) {
    var target = event.target.closest ? event.target : null;
    var button = target && target.closest('[' + %ACTION_ATTRIBUTE% + ']');
    var action = button && button.getAttribute(%ACTION_ATTRIBUTE%);
    var request = target && target.closest('[' + %REQUEST_RIGHT_ATTRIBUTE% + ']');
    if (request && !failed) loadForm();
    if (request || button && !choosing(action) && !moving(action)) loadApp();
  }, true);
  document.addEventListener('keydown', loadApp, { capture: true, once: true });
  window.addEventListener('hashchange', function () {
    if (location.hash === '#' + %FORM_SECTION_ID%) loadForm();
    loadApp();
  });
  window.addEventListener('scroll', onScroll, { passive: true });
  // A choice made in another tab of the site, or while this page was in the back/forward cache:
  // the app follows it (it reads the stored choice and applies it).
  window.addEventListener('storage', function (event) {
    if (event.key === null || event.key === %STORAGE_KEY%) loadApp();
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) loadApp();
  });

  document.addEventListener('DOMContentLoaded', function () {
    // The message of a choice whose page view was loaded again (a plain script withdrawn: it
    // cannot be stopped otherwise), said here as it would have been there.
    var after = null;
    try {
      after = sessionStorage.getItem(%RELOAD_MESSAGE_KEY%);
      sessionStorage.removeItem(%RELOAD_MESSAGE_KEY%);
    } catch (blocked) {}
    var status = byId(%STATUS_ID%);
    if (after && status && status.hasAttribute(after)) {
      status.setAttribute(%STATUS_MESSAGE_ATTRIBUTE%, after);
      requestAnimationFrame(function () {
        status.textContent = status.getAttribute(after);
      });
    }
    // The banner that asks takes the focus (without scrolling: a deep link keeps its place), so
    // that the keyboard and a screen reader start at the choice; not if the visitor is already
    // somewhere. The app does not move it again.
    var banner = byId(%BANNER_ID%);
    if (html.classList.contains(%ASK_CLASS%) && banner && document.activeElement === document.body) banner.focus({ preventScroll: true });
    var contents = document.querySelector('.' + %TOC_DETAILS_CLASS%);
    if (!contents) return;
    // On a wide screen CSS shows the contents beside the notice from the first paint, whatever
    // the <details> says: open it there too, so that what assistive technology hears matches
    // what is shown. Nothing moves.
    if (wide()) contents.open = true;
    contents.addEventListener('toggle', function () {
      if (contents.open && !wide()) loadApp();
    });
  });

  // Loaded after the page and once the browser is idle, so that it never competes with the
  // notice's own paints, when the page needs it from the start: a stored choice starts a service,
  // the page opens at the form, or a wide screen opens scrolled (at a section).
  function startIfNeeded() {
    if (location.hash === '#' + %FORM_SECTION_ID%) loadForm();
    if (allowsAny(previous) || blocked || location.hash === '#' + %FORM_SECTION_ID% || wide() && window.scrollY > 0) loadApp();
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(startIfNeeded, { timeout: 1000 });
    else setTimeout(startIfNeeded, 0);
  }
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
