// Shows the cookie banner at the first paint when the visitor has stored no choice yet, instead
// of after the WebAssembly has loaded. Only a paint hint: every decision (is a stored choice
// valid, what loads, what is stored) is made by the WebAssembly (src/consent/controller.rs),
// which also takes over the class below. Clicks on the banner before it is ready are queued for
// it. Classic and tiny, right after the banner's markup in <body>: the notice above it paints
// without waiting for it, and the banner paints with the page. External, for the CSP.
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
})();
