// Draws the charts a page declares in HTML, with the vendored Chart.js (vendor/chart.umd.js, loaded before this):
//
//   <canvas data-chart="{{chart}}"></canvas>
//
// where the attribute holds a Chart.js configuration as JSON ({"type": "bar", "data": {...}, "options": {...}}).
// JSON cannot carry functions, so a module's data can never run code here. When the chart is drawn the canvas gets
// data-rendered="true"; when its JSON is bad it gets data-chart-error with the reason, shown in place of the chart.
(function () {
  'use strict';

  var PALETTE = ['#3b6fd8', '#e08a2c', '#2a9d8f', '#c2477b', '#7a5cc7', '#5b8c2a', '#d64545', '#4f5d75'];

  function withDefaults(config) {
    config.options = config.options || {};
    if (config.options.animation === undefined) {
      // Charts appear at once, fully drawn: dashboards are read, not watched, and printouts and screenshots then
      // never catch a bar half grown. A configuration may still ask for animation.
      config.options.animation = false;
    }
    if (config.options.maintainAspectRatio === undefined) {
      // Inside a box with a height (.chart-box) the chart fills it; alone it keeps its aspect ratio.
      config.options.maintainAspectRatio = false;
    }
    var datasets = (config.data && config.data.datasets) || [];
    datasets.forEach(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      if (dataset.backgroundColor === undefined) {
        dataset.backgroundColor = colour;
      }
      if (dataset.borderColor === undefined) {
        dataset.borderColor = colour;
      }
    });
    return config;
  }

  // Marks the canvas once Chart.js has really drawn it, so tests (and people) can tell.
  var rendered = {
    id: 'anservRendered',
    afterRender: function (chart) {
      chart.canvas.setAttribute('data-rendered', 'true');
    }
  };

  function fail(canvas, reason) {
    canvas.setAttribute('data-chart-error', reason);
    var note = document.createElement('p');
    note.className = 'chart-error';
    note.textContent = 'This chart cannot be drawn: ' + reason;
    canvas.replaceWith(note);
    note.appendChild(canvas);
    canvas.hidden = true;
  }

  function draw(canvas) {
    var config;
    try {
      config = JSON.parse(canvas.getAttribute('data-chart'));
    } catch (error) {
      fail(canvas, 'its data-chart attribute is not JSON (' + error.message + ')');
      return;
    }
    if (!config || typeof config !== 'object' || typeof config.type !== 'string') {
      fail(canvas, 'its data-chart JSON needs a "type", e.g. "bar" or "line"');
      return;
    }
    if (!canvas.parentElement.classList.contains('chart-box')) {
      var box = document.createElement('div');
      box.className = 'chart-box';
      canvas.replaceWith(box);
      box.appendChild(canvas);
    }
    try {
      config = withDefaults(config);
      config.plugins = [rendered];
      new window.Chart(canvas, config);
    } catch (error) {
      fail(canvas, error.message);
    }
  }

  function drawAll() {
    if (typeof window.Chart !== 'function') {
      document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        fail(canvas, 'the chart library did not load');
      });
      return;
    }
    window.Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    window.Chart.defaults.color = '#5d6677';
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
}());
