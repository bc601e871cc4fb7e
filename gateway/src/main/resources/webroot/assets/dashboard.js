// anserv dashboard behaviour. Loaded as a file (the Content-Security-Policy forbids inline scripts); every feature
// is an enhancement: without JavaScript, forms still submit and links still work.
(function () {
  'use strict';

  // Fills only the parameters that have a value, so addresses stay short and defaults apply.
  function queryString(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== '') {
        params.append(name, String(value).trim());
      }
    });
    var text = params.toString();
    return text ? '?' + text : '';
  }

  // "Try it": runs the query and shows its JSON, pretty-printed, under the form.
  function tryQuery(form) {
    var output = form.parentElement.querySelector('[data-try-output]');
    var url = form.getAttribute('action') + queryString(form);
    output.hidden = false;
    output.classList.remove('bad');
    output.textContent = 'GET ' + url + ' …';
    fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.text().then(function (text) {
          var shown = text;
          try {
            shown = JSON.stringify(JSON.parse(text), null, 2);
          } catch (notJson) {
            // Shown as it came.
          }
          output.classList.toggle('bad', !response.ok);
          output.textContent = response.status + ' ' + response.statusText + '\n' + shown;
          output.setAttribute('data-status', String(response.status));
        });
      })
      .catch(function (error) {
        output.classList.add('bad');
        output.textContent = 'The request failed: ' + error.message;
      });
  }

  function wireForms() {
    document.querySelectorAll('form[data-try]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        tryQuery(form);
      });
    });
    // A link to /modules/{name}#query-{query} shows that query's result straight away.
    var linked = window.location.hash && document.getElementById(window.location.hash.substring(1));
    var linkedForm = linked && linked.querySelector('form[data-try]');
    if (linkedForm) {
      tryQuery(linkedForm);
    }
    document.querySelectorAll('form[data-view-form]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        window.location.assign(form.getAttribute('action') + queryString(form));
      });
    });
  }

  // A sandboxed view cannot be measured from here; it posts its height (see view.js) and the frame follows.
  function wireFrames() {
    var frames = document.querySelectorAll('iframe[data-view-frame]');
    window.addEventListener('message', function (event) {
      var height = event.data && event.data.anservViewHeight;
      if (typeof height !== 'number') {
        return;
      }
      frames.forEach(function (frame) {
        if (frame.contentWindow === event.source) {
          frame.style.height = Math.max(120, Math.min(Math.ceil(height) + 2, 20000)) + 'px';
        }
      });
    });
  }

  function valueAt(object, path) {
    return path.split('.').reduce(function (value, key) {
      return value == null ? undefined : value[key];
    }, object);
  }

  // The statistics of a module page follow the module while the page is open.
  function wireStats() {
    var panel = document.querySelector('[data-stats-url]');
    if (!panel) {
      return;
    }
    function refresh() {
      fetch(panel.getAttribute('data-stats-url'))
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (stats) {
          if (!stats) {
            return;
          }
          panel.querySelectorAll('[data-stat]').forEach(function (element) {
            var value = valueAt(stats, element.getAttribute('data-stat'));
            if (value !== undefined) {
              element.textContent = String(value);
            }
          });
        })
        .catch(function () { /* The next refresh tries again. */ });
    }
    window.setInterval(refresh, 5000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    wireForms();
    wireFrames();
    wireStats();
  });
}());
