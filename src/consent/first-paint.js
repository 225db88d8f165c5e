// The only script that runs before the first paint, so it is tiny and does two things:
// - shows the cookie banner at the first paint when the visitor has stored no choice yet (a paint
//   hint only: every decision, whether a stored choice is valid, what loads, what is stored, is
//   the WebAssembly's, src/consent/controller.rs, which then owns the class below), and queues
//   clicks on the banner that come before the WebAssembly is ready;
// - loads the app (its module, from `data-app`, set by the build) after the first contentful
//   paint, so the notice paints as early as a static page would.
// It stands right after the banner's markup in <body>, `async` (the build adds it), so it never
// holds up the parser; external, for the CSP.
(function () {
  var html = document.documentElement;
  var stored = null;
  try {
    stored = window.localStorage.getItem('safrent.consent');
  } catch (e) {
    // Blocked storage: nothing can be stored, so the banner will ask.
  }
  if (stored === null) html.classList.add('consent-ask');
  window.__consentQueue = [];
  document.addEventListener(
    'click',
    function (event) {
      if (window.__consentReady) return;
      var button = event.target.closest && event.target.closest('[data-consent-action]');
      if (button) window.__consentQueue.push(button.getAttribute('data-consent-action'));
    },
    true,
  );

  var app = document.currentScript && document.currentScript.getAttribute('data-app');
  if (!app) return;
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var script = document.createElement('script');
    script.type = 'module';
    script.src = app;
    document.head.appendChild(script);
  }
  if (document.visibilityState !== 'visible' || !window.PerformanceObserver) return start();
  setTimeout(start, 3000);
  new PerformanceObserver(function (list, observer) {
    if (list.getEntriesByName('first-contentful-paint').length) {
      observer.disconnect();
      setTimeout(start, 0);
    }
  }).observe({ type: 'paint', buffered: true });
})();
