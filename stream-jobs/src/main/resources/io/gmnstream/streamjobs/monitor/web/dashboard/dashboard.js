// The gmn-stream run monitor page: plain ES2020, no build step. Data comes from the REST API
// (api/runs, api/runs/{id}, api/alerts) and stays current through the event stream (api/events).
// Everything from the server is put on the page as text, never as HTML.
(() => {
  'use strict';

  const RUNS_REFRESH_MS = 15000; // trend and STALE change with time, not only with events
  const EVENT_REFRESH_DELAY_MS = 750; // a burst of scores triggers one runs refresh
  const RECONNECT_DELAY_MS = 3000;
  const MAX_ALERTS = 100;

  // The token travels in the fragment (#token=...), which the browser never sends to the server.
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  const authHeaders = token ? { Authorization: `Bearer ${token}` } : {};

  const dom = {
    connection: document.getElementById('connection'),
    message: document.getElementById('message'),
    runsBody: document.querySelector('#runs tbody'),
    runsEmpty: document.getElementById('runs-empty'),
    runCount: document.getElementById('run-count'),
    chartTitle: document.getElementById('chart-title'),
    canvas: document.getElementById('run-chart'),
    chartNote: document.getElementById('chart-note'),
    alerts: document.getElementById('alerts'),
    alertsEmpty: document.getElementById('alerts-empty'),
  };

  const state = {
    runs: new Map(), // runId -> RunSummary as last shown
    provisional: new Set(), // runs seen in a score event that the runs API did not list yet
    selectedRunId: null,
    chart: null,
    chartRunId: null,
    pendingPoints: [], // points of the selected run that arrived while its history loaded
    refreshTimer: null,
  };

  // ---------------------------------------------------------------- helpers

  const finite = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

  function formatNumber(value, digits = 3) {
    const number = finite(value);
    return number === null ? '—' : number.toFixed(digits);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: authHeaders, cache: 'no-store' });
    if (response.status === 401) {
      throw new Error('The dashboard API needs its token: open this page as /#token=<token>.');
    }
    if (!response.ok) {
      throw new Error(`${path} answered HTTP ${response.status}`);
    }
    return response.json();
  }

  /** Time of day for today's alerts, date and time for older ones. */
  function formatWhen(millis) {
    const when = new Date(millis);
    return when.toDateString() === new Date().toDateString() ? when.toLocaleTimeString() : when.toLocaleString();
  }

  function showMessage(text) {
    dom.message.textContent = text || '';
    dom.message.hidden = !text;
  }

  function report(error) {
    console.error(error);
    showMessage(error.message);
  }

  // ---------------------------------------------------------------- connection status

  const CONNECTION_LABELS = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: 'reconnecting…',
    offline: 'offline, retrying…',
  };

  function setConnection(connectionState) {
    dom.connection.dataset.state = connectionState;
    dom.connection.textContent = CONNECTION_LABELS[connectionState];
  }

  // ---------------------------------------------------------------- runs table

  function trendCell(trend) {
    const value = finite(trend);
    const cell = element('td', 'num trend');
    if (value === null) {
      cell.textContent = '—';
      return cell;
    }
    // Below half a unit of the third decimal shown, a change reads as flat.
    const direction = value > 0.0005 ? 'up' : value < -0.0005 ? 'down' : 'flat';
    const arrow = { up: '▲', down: '▼', flat: '▶' }[direction];
    cell.classList.add(`trend-${direction}`);
    cell.textContent = `${arrow} ${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
    return cell;
  }

  function accuracyCell(run) {
    const cell = element('td', 'num accuracy');
    const value = finite(run.latestPredictedTestAccuracy);
    const bar = element('span', 'bar');
    bar.style.width = `${Math.round(Math.max(0, Math.min(1, value ?? 0)) * 100)}%`;
    const text = element('span', 'value', formatNumber(value));
    cell.append(bar, text);
    const measured = finite(run.measuredTestAccuracy);
    if (measured !== null) cell.title = `measured test accuracy ${measured.toFixed(3)}`;
    return cell;
  }

  function runRow(run) {
    const row = element('tr');
    row.dataset.runId = run.runId;
    row.dataset.state = run.state;
    row.tabIndex = 0;
    if (run.runId === state.selectedRunId) row.classList.add('selected');

    const alerts = run.activeAlerts || [];
    const alertsCell = element('td', 'num', alerts.length);
    if (alerts.length) {
      alertsCell.classList.add('has-alerts');
      alertsCell.title = alerts.join(', ');
    }
    const badge = element('span', `badge state-${run.state}`, run.state);
    const stateCell = element('td');
    stateCell.append(badge);

    row.append(
      element('td', 'run-id', run.runId),
      element('td', 'task', run.task || '—'),
      element('td', 'num', run.latestStep),
      accuracyCell(run),
      trendCell(run.trend),
      stateCell,
      alertsCell,
    );
    row.addEventListener('click', () => selectRun(run.runId));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') selectRun(run.runId);
    });
    return row;
  }

  function renderRuns() {
    const runs = [...state.runs.values()];
    dom.runsBody.replaceChildren(...runs.map(runRow));
    dom.runsEmpty.hidden = runs.length > 0;
    dom.runCount.textContent = runs.length ? `(${runs.length})` : '';
  }

  async function refreshRuns() {
    const runs = await getJson('api/runs');
    const listed = new Map(runs.map((run) => [run.runId, run]));
    // A score event can outrun the monitor's stores: keep such runs until the API lists them.
    for (const runId of [...state.provisional]) {
      if (listed.has(runId)) {
        state.provisional.delete(runId);
      } else if (state.runs.has(runId)) {
        listed.set(runId, state.runs.get(runId));
      }
    }
    state.runs = listed;
    renderRuns();
    showMessage('');
    if (state.provisional.size) scheduleRunsRefresh();
    if (!state.selectedRunId && state.runs.size) {
      selectRun(state.runs.keys().next().value); // a chart without a click
    }
  }

  function scheduleRunsRefresh() {
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(() => {
      state.refreshTimer = null;
      refreshRuns().catch(report);
    }, EVENT_REFRESH_DELAY_MS);
  }

  // ---------------------------------------------------------------- chart

  const SERIES = {
    predicted: { label: 'Predicted test accuracy', color: '#5aa9ff', key: 'predictedTestAccuracy' },
    gap: { label: 'Predicted generalisation gap', color: '#ffb454', key: 'predictedGeneralizationGap', dash: [6, 4] },
    measured: { label: 'Measured test accuracy', color: '#4cd990', key: 'measuredTestAccuracy', pointsOnly: true },
  };

  function dataset(series, points) {
    return {
      label: series.label,
      seriesKey: series.key,
      data: points.map((point) => ({ x: point.step, y: finite(point[series.key]) })),
      borderColor: series.color,
      backgroundColor: series.color,
      borderDash: series.dash || [],
      borderWidth: 2,
      pointRadius: series.pointsOnly ? 4 : 0,
      pointHoverRadius: 5,
      showLine: !series.pointsOnly,
      spanGaps: true,
      tension: 0.2,
    };
  }

  const hasMeasured = (points) => points.some((point) => finite(point.measuredTestAccuracy) !== null);

  function chartOptions() {
    const grid = { color: 'rgba(255, 255, 255, 0.07)' };
    return {
      animation: false, // live appends should not replay an animation each time
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'training step' }, grid },
        y: { suggestedMin: 0, suggestedMax: 1, title: { display: true, text: 'accuracy / gap' }, grid },
      },
      plugins: {
        legend: { labels: { usePointStyle: true, boxHeight: 6 } },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? `step ${items[0].parsed.x}` : ''),
            label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y)}`,
          },
        },
      },
    };
  }

  function pointCount() {
    return state.chart ? state.chart.data.datasets[0].data.length : 0;
  }

  function markPoints() {
    dom.canvas.dataset.points = String(pointCount());
  }

  function drawHistory(runId, points) {
    if (typeof window.Chart === 'undefined') {
      dom.chartNote.textContent = 'The chart library did not load (webjars/chart.js).';
      dom.chartNote.hidden = false;
      return;
    }
    const datasets = [dataset(SERIES.predicted, points), dataset(SERIES.gap, points)];
    if (hasMeasured(points)) datasets.push(dataset(SERIES.measured, points));
    if (state.chart) state.chart.destroy();
    window.Chart.defaults.color = '#9aa6b8';
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    state.chart = new window.Chart(dom.canvas, { type: 'line', data: { datasets }, options: chartOptions() });
    state.chartRunId = runId;
    dom.chartNote.hidden = points.length > 0;
    dom.chartNote.textContent = points.length ? '' : 'No scores for this run yet.';
    markPoints();
  }

  /** Adds a point (or replaces the one at the same step) to every series, keeping step order. */
  function addPoint(point) {
    const chart = state.chart;
    if (!chart) return;
    if (finite(point.measuredTestAccuracy) !== null
        && !chart.data.datasets.some((set) => set.seriesKey === SERIES.measured.key)) {
      const empty = dataset(SERIES.measured, []);
      empty.data = chart.data.datasets[0].data.map((p) => ({ x: p.x, y: null }));
      chart.data.datasets.push(empty);
    }
    for (const set of chart.data.datasets) {
      const value = { x: point.step, y: finite(point[set.seriesKey]) };
      const at = set.data.findIndex((p) => p.x >= point.step);
      if (at === -1) set.data.push(value);
      else if (set.data[at].x === point.step) set.data[at] = value;
      else set.data.splice(at, 0, value);
    }
    chart.update('none');
    dom.chartNote.hidden = true;
    markPoints();
  }

  async function selectRun(runId) {
    state.selectedRunId = runId;
    state.pendingPoints = [];
    for (const row of dom.runsBody.querySelectorAll('tr')) {
      row.classList.toggle('selected', row.dataset.runId === runId);
    }
    dom.chartTitle.textContent = runId;
    try {
      const history = await getJson(`api/runs/${encodeURIComponent(runId)}`);
      if (state.selectedRunId !== runId) return; // another run was picked meanwhile
      drawHistory(runId, history.points);
      state.pendingPoints.forEach(addPoint);
      state.pendingPoints = [];
    } catch (error) {
      if (state.selectedRunId !== runId) return;
      report(error);
      // The monitor cannot answer while it starts or rebalances: ask again; the history brings the points missed.
      setTimeout(() => {
        if (state.selectedRunId === runId && state.chartRunId !== runId) selectRun(runId);
      }, RECONNECT_DELAY_MS);
    }
  }

  // ---------------------------------------------------------------- alerts

  function alertItem(alert) {
    const item = element('li', `alert severity-${alert.severity} status-${alert.status}`);
    item.dataset.alertId = alert.alertId;
    item.dataset.runId = alert.runId;
    item.dataset.status = alert.status;

    const head = element('div', 'alert-head');
    head.append(
      element('span', `badge severity-${alert.severity}`, alert.severity),
      element('span', 'rule', alert.rule),
      element('span', 'alert-status', alert.status === 'RESOLVED' ? 'RESOLVED' : ''),
      element('time', 'when', formatWhen(alert.raisedAtMillis)),
    );
    const where = element('div', 'alert-where', `${alert.runId} · step ${alert.step}`);
    const message = element('div', 'alert-message', alert.message);
    item.append(head, where, message);
    const evidence = Object.entries(alert.evidence || {});
    if (evidence.length) {
      item.title = evidence.map(([key, value]) => `${key} = ${value}`).join('\n');
    }
    item.addEventListener('click', () => selectRun(alert.runId));
    return item;
  }

  function showAlertsEmpty() {
    dom.alertsEmpty.hidden = dom.alerts.children.length > 0;
  }

  function renderAlerts(alerts) {
    dom.alerts.replaceChildren(...alerts.map(alertItem));
    showAlertsEmpty();
  }

  /** Shows an alert at the top; a RESOLVED record replaces its FIRING one. */
  function prependAlert(alert) {
    for (const old of dom.alerts.querySelectorAll('li')) {
      if (old.dataset.alertId === alert.alertId) old.remove();
    }
    dom.alerts.prepend(alertItem(alert));
    while (dom.alerts.children.length > MAX_ALERTS) dom.alerts.lastElementChild.remove();
    showAlertsEmpty();
  }

  async function refreshAlerts() {
    renderAlerts(await getJson(`api/alerts?limit=${MAX_ALERTS}`));
  }

  // ---------------------------------------------------------------- live events

  function onScore(score) {
    const run = state.runs.get(score.runId);
    if (!run) {
      // Shown at once from the event; the next refresh brings the monitor's full summary.
      state.runs = new Map([[score.runId, provisionalRun(score)], ...state.runs]);
      state.provisional.add(score.runId);
      renderRuns();
      if (!state.selectedRunId) selectRun(score.runId);
    } else if (score.step >= run.latestStep) {
      run.latestStep = score.step;
      run.latestPredictedTestAccuracy = score.predictedTestAccuracy;
      run.latestPredictedGeneralizationGap = score.predictedGeneralizationGap;
      if (finite(score.measuredTestAccuracy) !== null) run.measuredTestAccuracy = score.measuredTestAccuracy;
      renderRuns();
    }
    scheduleRunsRefresh();

    if (score.runId !== state.selectedRunId) return;
    if (state.chartRunId === score.runId) addPoint(score);
    else state.pendingPoints.push(score); // its history is still loading
  }

  function provisionalRun(score) {
    return {
      runId: score.runId,
      task: score.task,
      latestStep: score.step,
      latestPredictedTestAccuracy: score.predictedTestAccuracy,
      latestPredictedGeneralizationGap: score.predictedGeneralizationGap,
      trend: null,
      state: 'OK',
      activeAlerts: [],
      measuredTestAccuracy: score.measuredTestAccuracy,
    };
  }

  function onAlert(alert) {
    prependAlert(alert);
    scheduleRunsRefresh(); // the run's state and active alerts change
  }

  function resync() {
    refreshRuns().catch(report);
    refreshAlerts().catch(report);
    if (state.selectedRunId) selectRun(state.selectedRunId);
  }

  function connect() {
    const url = `api/events${token ? `?access_token=${encodeURIComponent(token)}` : ''}`;
    const source = new EventSource(url);
    let opened = false;
    source.addEventListener('open', () => {
      // After a break, events may have been missed: reload what is shown.
      if (opened) resync();
      opened = true;
      setConnection('live');
    });
    source.addEventListener('score', (event) => onScore(JSON.parse(event.data)));
    source.addEventListener('alert', (event) => onAlert(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. HTTP 401 or 503): retry ourselves, then resync once open.
        setConnection('offline');
        source.close();
        setTimeout(() => {
          connect();
          resync();
        }, RECONNECT_DELAY_MS);
      } else {
        setConnection('reconnecting'); // EventSource retries by itself
      }
    });
  }

  // ---------------------------------------------------------------- start

  setConnection('connecting');
  connect(); // first, so nothing published while the page loads is missed
  refreshRuns().catch(report);
  refreshAlerts().catch(report);
  setInterval(() => refreshRuns().catch(report), RUNS_REFRESH_MS);
})();
