'use strict';
// The analyst's view, for analysts and leaders: how practice changed, and two periods side by side. It reads the
// same filters as the dashboard (and "As it was known on"), and draws with the page's own chart and table helpers.

/** How each experiment's planned ending went, as the table's headings say it. */
const ENDINGS = {AS_PLANNED: 'analysis.table.ending.asplanned', CHANGED: 'analysis.table.ending.changed',
  NOT_YET: 'analysis.table.ending.notyet'};
/** Each period the analysis counts by: one, several (with {count}), and as it follows "per". */
const BUCKETS = {
  month: {one: 'analysis.count.month.one', other: 'analysis.count.month.other', unit: 'analysis.unit.month'},
  week: {one: 'analysis.count.week.one', other: 'analysis.count.week.other', unit: 'analysis.unit.week'}
};
/** The colours of the lines of a chart over time, one per perspective or theme drawn. */
const PALETTE = ['#00568f', '#5b2a86', '#8a3b00', '#3d5a1e', '#6b4700', '#1b1b1b'];
/** How many of a period's most recorded themes the service lists (PracticeChanges.THEMES). */
const THEMES_LISTED = 20;
let analysis;

document.addEventListener('DOMContentLoaded', () => {
  $('bucket').addEventListener('change', practiceChange);
  $('compare-form').addEventListener('submit', compare);
  $('export-learning').addEventListener('click', () => exportRows('learning'));
  $('export-experiments').addEventListener('click', () => exportRows('experiments'));
});

/** Called by the page each time it shows a dashboard: the analysis follows the same choices. */
window.analysisFollows = (current, params) => {
  const shown = (current.person.roles || []).some(role => role === 'ANALYST' || role === 'LEADER');
  $('practice').hidden = !shown;
  $('compare').hidden = !shown;
  $('export').hidden = !shown;
  if (!shown) {
    return;
  }
  const filters = filtersOfView(current.person, params);
  // Asked again with the same choices (the stream reconnected): what is drawn and compared stands, and an analysis
  // that could not be read is read again.
  const choices = current.person.sub + ' ' + filters;
  if (analysis && analysis.choices === choices) {
    if ($('practice-charts').hidden) {
      practiceChange();
    }
    return;
  }
  analysis = {filters, choices};
  $('compare-table').replaceChildren();
  $('compare-status').textContent = '';
  $('export-status').textContent = '';
  practiceChange();
};

let practiceReads = 0;

/** Draws how practice changed under the chosen filters; only the latest of overlapping reads is drawn. */
async function practiceChange() {
  if (!analysis) {
    return;
  }
  const reading = ++practiceReads;
  const params = new URLSearchParams(analysis.filters);
  params.set('bucket', $('bucket').value);
  // No connection reads as a refusal without a reason.
  const answer = await readApi('/api/analytics/practice-change?' + params).catch(() => ({ok: false}));
  const series = answer.json ? await answer.json().catch(() => ({})) : {};
  if (reading !== practiceReads) {
    return;
  }
  // A refusal hides the charts and tables drawn for the filters before, which these no longer are.
  $('practice-charts').hidden = !answer.ok;
  if (!answer.ok) {
    say('practice-status', series.detail ? t('analysis.notshown', {detail: series.detail})
      : t('analysis.notshown.unknown'));
    return;
  }
  const buckets = series.buckets;
  const labels = buckets.map(bucket => bucket.bucket);
  const first = labels[0];
  const last = labels[labels.length - 1];
  const bucket = BUCKETS[series.bucket] || BUCKETS[$('bucket').value] || BUCKETS.month;
  const unit = t(bucket.unit);
  const count = t(buckets.length === 1 ? bucket.one : bucket.other, {count: buckets.length});
  const asOf = analysis.filters.get('asOf') ? new Date(series.asOf).toLocaleString(locale()) : null;
  say('practice-status', first
    ? (asOf ? t('analysis.status.range.asof', {count, first, last, date: asOf})
      : t('analysis.status.range', {count, first, last}))
    : (asOf ? t('analysis.status.asof', {count, date: asOf}) : t('analysis.status', {count})));

  const kinds = ['BREAKTHROUGH', 'DISAPPOINTMENT', 'REFLECTION'];
  chart('practice-learning', {
    type: 'bar',
    data: {labels, datasets: kinds.map(kind => ({label: t(KINDS[kind]), data: buckets.map(b => b.learning[kind]),
      backgroundColor: COLOURS[kind]}))},
    options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}}
  });
  underControl(series.smallNumbers);
  const total = kind => sumShown(buckets.map(b => b.learning[kind]));
  describe('practice-learning', t('analysis.learning.summary', {unit, breakthroughs: total('BREAKTHROUGH'),
    disappointments: total('DISAPPOINTMENT'), reflections: total('REFLECTION')}));
  table('practice-learning-table', [t('analysis.table.period'), ...kinds.map(kind => t(KINDS[kind]))],
    buckets.map(b => [periodLabel(b), b.learning.BREAKTHROUGH, b.learning.DISAPPOINTMENT, b.learning.REFLECTION]));

  // The themes most recorded over all the periods, each period's learning on them.
  const themes = themesDrawn(buckets);
  chart('practice-themes', {
    type: 'line',
    data: {labels, datasets: themes.map((theme, i) => ({label: theme,
      data: buckets.map(b => themeCount(b, theme)).map(count => typeof count === 'number' ? count : null),
      borderColor: PALETTE[i], backgroundColor: PALETTE[i]}))},
    options: {scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
  });
  describe('practice-themes', themes.length ? t('analysis.themes.summary', {unit, themes: themes.join(', ')})
    : t('analysis.themes.summary.empty', {unit}));
  table('practice-themes-table', [t('analysis.table.period'), ...themes],
    buckets.map(b => [periodLabel(b), ...themes.map(theme => themeCount(b, theme))]));

  const shares = buckets.map(b => {
    const share = {};
    Object.keys(PERSPECTIVES).forEach(key => { share[key] = shareOf(b.perspectives, key); });
    return share;
  });
  chart('practice-voices', {
    type: 'line',
    data: {labels, datasets: Object.entries(PERSPECTIVES).map(([key, label], i) => ({label: t(label),
      data: shares.map(share => share[key]), borderColor: PALETTE[i], backgroundColor: PALETTE[i]}))},
    options: {scales: {y: {beginAtZero: true, max: 100, ticks: {callback: value => value + '%'}}}}
  });
  describe('practice-voices', shares.length ? t('analysis.voices.summary', {unit,
    firstShare: percentText(shares[0].LIVED_EXPERIENCE), first,
    lastShare: percentText(shares[shares.length - 1].LIVED_EXPERIENCE), last})
    : t('analysis.voices.summary.empty', {unit}));
  table('practice-voices-table', [t('analysis.table.period'),
    ...Object.values(PERSPECTIVES).map(label => t('analysis.table.share', {perspective: t(label)}))],
    buckets.map((b, i) => [periodLabel(b), ...Object.keys(PERSPECTIVES).map(key => shareText(shares[i][key]))]));

  chart('practice-experiments', {
    type: 'bar',
    data: {labels, datasets: [
      {label: t('analysis.experiments.proposed'), data: buckets.map(b => b.experiments.proposed),
        backgroundColor: '#00568f'},
      {label: t('analysis.experiments.concluded'), data: buckets.map(b => b.experiments.concluded),
        backgroundColor: '#3d5a1e'},
      {label: t('analysis.experiments.asplanned'), data: buckets.map(b => b.endings.AS_PLANNED),
        backgroundColor: '#5b2a86'}]},
    options: {scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
  });
  describe('practice-experiments', t('analysis.experiments.summary', {unit,
    proposed: sumShown(buckets.map(b => b.experiments.proposed)),
    concluded: sumShown(buckets.map(b => b.experiments.concluded))}));
  table('practice-experiments-table', [t('analysis.table.period'), t('analysis.experiments.proposed'),
    t('analysis.experiments.started'), t('analysis.experiments.adapted'), t('analysis.experiments.concluded'),
    t(OUTCOMES.AMPLIFY), t(OUTCOMES.ADAPT), t(OUTCOMES.STOP), ...Object.values(ENDINGS).map(label => t(label))],
  buckets.map(b => [periodLabel(b), b.experiments.proposed, b.experiments.started, b.experiments.adapted,
    b.experiments.concluded, b.outcomes.AMPLIFY, b.outcomes.ADAPT, b.outcomes.STOP,
    ...Object.keys(ENDINGS).map(key => b.endings[key])]));

  const rate = b => b.actionLearning.followThroughRate === null ? null
    : Math.round(b.actionLearning.followThroughRate * 100);
  chart('practice-follow', {
    type: 'line',
    data: {labels, datasets: [{label: t('measure.followthrough'), data: buckets.map(rate),
      borderColor: '#3d5a1e', backgroundColor: '#3d5a1e'}]},
    options: {scales: {y: {beginAtZero: true, max: 100, ticks: {callback: value => value + '%'}}}}
  });
  describe('practice-follow', buckets.length ? t('analysis.follow.summary', {unit,
    firstRate: percentText(rate(buckets[0])), first, lastRate: percentText(rate(buckets[buckets.length - 1])), last})
    : t('analysis.follow.summary.empty', {unit}));
  // None to take a median of, or too few under small-number control: a dash, as any figure that cannot be shown.
  const days = shareText;
  const ofSets = (b, value) => actionLearningShown(b.actionLearning, value);
  table('practice-follow-table', [t('analysis.table.period'), t('measure.sessions'), t('measure.actions.committed'),
    t('measure.actions.done'), t('analysis.table.followedthrough'), t('analysis.table.daystodisappointment'),
    t('analysis.table.daystoconclusion')],
  buckets.map(b => [periodLabel(b), ofSets(b, b.actionLearning.sessionsHeld),
    ofSets(b, b.actionLearning.actionsCommitted),
    ofSets(b, b.actionLearning.actionsDone), shareText(rate(b)), days(b.medianDaysToFirstDisappointment),
    days(b.medianDaysToConclusion)]));
}

/** The themes drawn over time: those with the most learning in all the periods, as many as the palette has colours. */
function themesDrawn(buckets) {
  const learning = new Map();
  buckets.forEach(b => b.themes.forEach(({theme, count}) =>
    learning.set(theme, (learning.get(theme) || 0) + (count ?? 0))));
  return [...learning.entries()].sort(([a, first], [b, second]) => second - first || a.localeCompare(b))
    .slice(0, PALETTE.length).map(([theme]) => theme);
}

/**
 * A period's learning on {@code theme}: {@code null} when held back ("fewer than"); a dash when the theme is not among
 * the period's most recorded that the service lists (its count is not known), none when the period lists fewer.
 */
function themeCount(period, theme) {
  const counted = period.themes.find(count => count.theme === theme);
  return counted ? counted.count : (period.themes.length < THEMES_LISTED ? 0 : '–');
}

/**
 * The share (percent) of learning from the perspective {@code key}: {@code null} while any perspective is held back
 * ("fewer than"), as it would be a guess.
 */
function shareOf(perspectives, key) {
  const figures = Object.values(perspectives);
  if (figures.includes(null)) {
    return null;
  }
  const all = figures.reduce((sum, count) => sum + count, 0);
  return all ? Math.round(perspectives[key] * 100 / all) : 0;
}

/** A share or rate as a table shows it: a dash where it would be a guess. */
function shareText(value) {
  return value === null ? '–' : value;
}

/** A share or rate as a sentence says it: "held back" where it would be a guess, never "–%". */
function percentText(value) {
  return value === null ? t('analysis.share.heldback') : value + '%';
}

function describe(name, text) {
  $(name + '-chart').setAttribute('aria-label', t('analysis.chart.description', {summary: text}));
}

/** The dashboard of each period, with the same view and filters, in one table. */
async function compare(event) {
  event.preventDefault();
  const form = event.target;
  // Said in the page's language, next to each field, not in the browser's own words and language.
  if (blankField(['compare-a-from', 'compare-a-to', 'compare-b-from', 'compare-b-to'])) {
    $('compare-status').textContent = t('analysis.compare.incomplete');
    return;
  }
  const {path, params} = dashboardAddress(session().person);
  clearErrors(form);
  // A refusal names the field of the period it was about (compare-a-from, compare-b-to…), as the form labels it.
  const read = async (period, from, to) => {
    const periodParams = new URLSearchParams(params);
    periodParams.set('from', from);
    periodParams.set('to', to);
    const answer = await readApi(path + '?' + periodParams);
    return answer.ok ? answer.json() : Promise.reject({period, ...await answer.json().catch(() => ({}))});
  };
  try {
    const [first, second] = await Promise.all([read('a', form.elements.aFrom.value, form.elements.aTo.value),
      read('b', form.elements.bFrom.value, form.elements.bTo.value)]);
    const measures = [
      [t(KINDS.BREAKTHROUGH), d => d.totals.breakthroughs], [t(KINDS.DISAPPOINTMENT), d => d.totals.disappointments],
      [t(KINDS.REFLECTION), d => d.totals.reflections],
      [t('measure.experiments.proposed'), d => d.totals.experimentsProposed],
      [t('measure.experiments.concluded'), d => d.totals.experimentsConcluded],
      [t('analysis.compare.running'), d => d.totals.experimentsActive],
      [t('analysis.compare.livedexperience'), d => shareText(shareOf(d.perspectives, 'LIVED_EXPERIENCE'))],
      [t('measure.sessions'), d => actionLearningShown(d.actionLearning, d.actionLearning.sessionsHeld)],
      [t('measure.followthrough'), d => shareText(d.actionLearning.followThroughRate === null ? null
        : Math.round(d.actionLearning.followThroughRate * 100))]];
    // A figure small-number control holds back (null) reads as on the dashboard, and leaves no change to show.
    underControl(first.smallNumbers);
    const label = (from, to) => t('analysis.compare.period', {from: dayText(from), to: dayText(to)});
    table('compare-table', [t('analysis.compare.measure'), label(form.elements.aFrom.value, form.elements.aTo.value),
      label(form.elements.bFrom.value, form.elements.bTo.value), t('analysis.compare.change')],
    measures.map(([name, of]) => {
      const [a, b] = [of(first), of(second)];
      const change = typeof a !== 'number' || typeof b !== 'number' ? '' : (b - a > 0 ? '+' : '') + (b - a);
      return [name, a, b, change];
    }));
    const asOf = params.get('asOf');
    $('compare-status').textContent = asOf
      ? t('analysis.compare.done.asof', {date: new Date(asOf).toLocaleString(locale())})
      : t('analysis.compare.done');
  } catch (problem) {
    const fieldId = field => ['from', 'to'].includes(field) ? 'compare-' + problem.period + '-' + field
      : 'filter-' + field;
    (problem.errors || []).forEach(error => showError(fieldId(error.field), error.message));
    const detail = problem.period ? refusalText(problem, fieldId) : null;
    $('compare-status').textContent = detail ? t('analysis.compare.failed', {detail})
      : t('analysis.compare.failed.unknown');
  }
}

/**
 * Saves an export ({@code learning} or {@code experiments}) of what the dashboard's filters choose as a spreadsheet:
 * read with the person's token (a link could not carry it), then handed to the browser as a file.
 */
async function exportRows(kind) {
  if (!analysis) {
    return;
  }
  const params = new URLSearchParams(analysis.filters);
  params.set('format', 'csv');
  const name = kind + '-' + new Date().toISOString().slice(0, 10) + '.csv';
  $('export-status').textContent = t('analysis.export.preparing', {name});
  // One export at a time: a second click while one is read would read it all again.
  const buttons = [$('export-learning'), $('export-experiments')];
  buttons.forEach(button => { button.disabled = true; });
  // The answer streams after its headers: the buttons come back, and the status says how it went, once it is all read.
  const read = await fetchAsPerson('/api/export/' + kind + '?' + params)
    .then(async answer => ({answer, file: answer.ok ? await answer.blob() : null}))
    .catch(() => ({answer: null, file: null}))
    .finally(() => buttons.forEach(button => { button.disabled = false; }));
  const {answer, file} = read;
  if (!file) {
    const problem = answer && !answer.ok ? await answer.json().catch(() => ({})) : {};
    $('export-status').textContent = problem.detail ? t('analysis.export.failed', {detail: problem.detail})
      : t('analysis.export.failed.unknown');
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  $('export-status').textContent = t('analysis.export.done', {name});
}
