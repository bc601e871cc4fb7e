// Runs inside a view's page. The dashboard shows views in a sandboxed frame it cannot measure, so the view tells it
// its height; a message is all a sandboxed frame can send.
(function () {
  'use strict';
  if (window.parent === window) {
    return;
  }
  // The root element's own box, not scrollHeight: that is never less than the frame, so a frame could not shrink.
  function report() {
    var height = document.documentElement.getBoundingClientRect().height;
    window.parent.postMessage({ anservViewHeight: height }, '*');
  }
  window.addEventListener('load', report);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(report).observe(document.documentElement);
  }
}());
