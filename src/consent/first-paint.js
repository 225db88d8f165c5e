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
    return null;
  }

  // The moment of the decision, which the app decides at too (so both agree at the edge).
  var now = Date.now();
  window[%FIRST_PAINT_NOW%] = now;
  var reason = %ASK_FIRST_VISIT%;
  var text = null;
  try {
    text = window.localStorage.getItem(%STORAGE_KEY%);
  } catch (blocked) {
    // Storage is blocked: nothing can be stored, the banner asks and says so.
    html.classList.add(%NO_STORAGE_CLASS%);
  }
  if (text !== null) {
    try {
      reason = reasonToAsk(text, now);
    } catch (notJson) {
      reason = %ASK_UNREADABLE%;
    }
  }
  if (navigator.globalPrivacyControl === true) html.classList.add(%GPC_CLASS%);
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

  // Clicks on the portal's buttons before the app is ready: the app replays the last one.
  window[%EARLY_CLICKS%] = [];
  document.addEventListener('click', function (event) {
    if (window[%APP_READY%]) return;
    var button = event.target.closest && event.target.closest('[' + %ACTION_ATTRIBUTE% + ']');
    if (button) window[%EARLY_CLICKS%].push(button.getAttribute(%ACTION_ATTRIBUTE%));
  }, true);

  // The app only enhances the page: load it once the page has loaded and the browser is idle, so
  // that it never competes with the notice's own paints (clicks made meanwhile are kept above).
  var app = meta(%APP_META%);
  if (!app) return;
  function start() {
    window[%LOAD_MODULE%](app.content, app.getAttribute(%APP_WASM_ATTRIBUTE%)).catch(function (error) {
      // Without the app nothing can load Google's tag, so there is nothing to consent to: take the
      // banner and the buttons that need the app away rather than leave a banner that cannot close.
      html.classList.remove(%JS_CLASS%, %ASK_CLASS%);
      console.warn('The app did not start; the page works without it.', error);
    });
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 1000 });
    else setTimeout(start, 0);
  }
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
