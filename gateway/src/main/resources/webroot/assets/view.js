// Runs inside a view's page. The dashboard shows views in a sandboxed frame it cannot measure, so the view tells it
// its height; a message is all a sandboxed frame can send.
(function () {
  'use strict';
  if (window.parent === window) {
    return;
  }
  function report() {
    window.parent.postMessage({ anservViewHeight: document.documentElement.scrollHeight }, '*');
  }
  window.addEventListener('load', report);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(report).observe(document.documentElement);
  }
}());
