// Runs on the page shown while a view is still being prepared: counts the seconds since the view was called. The
// page itself needs no script; its refresh brings the view once it is ready.
(function () {
  'use strict';
  var pending = document.querySelector('[data-pending]');
  var elapsed = pending && pending.querySelector('[data-elapsed]');
  var startedAt = pending && Number(pending.getAttribute('data-started-at'));
  if (!elapsed || !startedAt) {
    return;
  }
  window.setInterval(function () {
    elapsed.textContent = Math.max(0, Math.floor((Date.now() - startedAt) / 1000)) + ' s';
  }, 1000);
}());
