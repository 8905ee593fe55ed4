'use strict';
// Peer-learning cohorts: every cohort to enrol in, a facilitator forms one, and a cohort's learning as its own feed.

VIEWS.cohorts = {element: 'cohorts-view', title: 'page.title.cohorts', show: showCohorts};
VIEWS.cohort = {element: 'cohort-view', title: 'page.title.cohort', show: showCohort};

let shownCohort;

document.addEventListener('DOMContentLoaded', () => {
  $('form-cohort-form').addEventListener('submit', formCohort);
  $('cohort-learn').addEventListener('click', async () => {
    if (!shownCohort) {
      return;
    }
    const {cohortId, name} = shownCohort;
    // Ended, or left in another window, since it was shown: the capture form would record it outside the cohort.
    const read = await readCohorts();
    if (!read.refused && !read.cohorts.some(one => one.cohortId === cohortId && one.enrolled && !one.ended)) {
      await showCohort(cohortId);
      $('cohort-status').textContent = t('cohort.learn.gone', {name});
      return;
    }
    location.hash = '';
    await myCohorts(read);
    $('cohortId').value = cohortId;
    $('summary').focus();
  });
  $('enrol-cohort-form').addEventListener('submit', enrolHere);
  $('end-cohort-form').addEventListener('submit', event => {
    if (!confirm(t('cohort.end.confirm'))) {
      event.preventDefault();
      return;
    }
    changeCohort(event, '/end', 'POST', cohort => cohort.ended, 'cohort.ended');
  });
  $('leave-cohort-form').addEventListener('submit', event => {
    // Once it has ended, nobody enrols again: leaving is for good.
    if (shownCohort && shownCohort.ended && !confirm(t('cohort.leave.confirm.ended'))) {
      event.preventDefault();
      return;
    }
    changeCohort(event, '/enrolments', 'DELETE', cohort => !cohort.enrolled,
      shownCohort && shownCohort.facilitating ? 'cohort.left.former' : 'cohort.left');
  });
});

/**
 * Ends the shown cohort, or leaves it, then shows it again once the change has reached the list ({@code settled}),
 * saying what was done ({@code said}, a key of the page's texts).
 */
async function changeCohort(event, path, method, settled, said) {
  event.preventDefault();
  const cohort = shownCohort;
  if (!cohort) {
    return;
  }
  const answer = await sendCommand('/api/cohorts/' + encodeURIComponent(cohort.cohortId) + path, {},
    {form: event.target, prefix: event.target.id.replace(/-form$/, ''), status: 'cohort-status', method});
  if (answer) {
    // Left (or ended), enrolling is a new command: never the last enrolment's answer, kept for a retry of it (found
    // in review: an enrolment whose answer was lost, then a leave, then "Enrolled" said of nothing recorded).
    forgetKey($('enrol-cohort-form'));
    await settle(readCohorts, read => read.refused
      || read.cohorts.some(one => one.cohortId === cohort.cohortId && settled(one)));
    await myCohorts(); // the capture form offers only the cohorts one is in and that run
    await showCohort(cohort.cohortId);
    $('cohort-status').textContent = t(said, {name: cohort.name});
  }
}

/** Every cohort, and, when they cannot be read, none and why ({@code refused}). */
async function readCohorts() {
  const answer = await readApi('/api/cohorts');
  return answer.ok ? {cohorts: await answer.json()} : {cohorts: [], refused: await notShown(answer)};
}

/**
 * The cohorts the person is enrolled in, offered on the capture form ({@code read} of them already, or read now);
 * kept as they were when none can be read.
 */
async function myCohorts(read) {
  read = read || await readCohorts();
  if (read.refused) {
    return;
  }
  const cohorts = read.cohorts.filter(cohort => cohort.enrolled && !cohort.ended);
  const select = $('cohortId');
  const chosen = select.selectedOptions[0];
  select.replaceChildren(select.options[0], ...cohorts.map(cohort => new Option(cohort.name, cohort.cohortId)));
  keepChosen(select, chosen, false);
}

async function showCohorts(settledOn) {
  if (!settledOn) {
    $('cohorts-title').focus();
  }
  $('form-cohort').hidden = !(session().person.roles || []).includes('FACILITATOR');
  const cohorts = await settledList(readCohorts, 'cohorts', settledOn, $('all-cohorts'));
  if (!cohorts) {
    return;
  }
  $('all-cohorts').replaceChildren(...cohorts.map(cohort => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#cohort/' + encodeURIComponent(cohort.cohortId);
    link.textContent = cohort.name;
    const about = document.createElement('p');
    about.className = 'hint';
    about.textContent = aboutCohort(cohort);
    li.append(link, about);
    if (!cohort.enrolled && !cohort.ended) {
      const form = document.createElement('form');
      form.noValidate = true;
      const button = document.createElement('button');
      button.type = 'submit';
      button.className = 'secondary';
      button.textContent = t('cohorts.enrol', {name: cohort.name});
      form.append(button);
      form.addEventListener('submit', event => enrol(event, cohort));
      li.append(form);
    }
    return li;
  }));
  if (!cohorts.length) {
    const li = document.createElement('li');
    li.textContent = t('cohorts.empty');
    $('all-cohorts').append(li);
  }
}

function aboutCohort(cohort) {
  const about = {name: cohort.formedByName, organisation: cohort.organisation, themes: cohort.themes.join(', '),
    count: cohort.members};
  const said = cohort.themes.length
    ? t(cohort.enrolled ? 'cohorts.about.themes.enrolled' : 'cohorts.about.themes', about)
    : t(cohort.enrolled ? 'cohorts.about.enrolled' : 'cohorts.about', about);
  return cohort.ended ? said + ' ' + t('cohorts.about.ended') : said;
}

async function enrol(event, cohort) {
  event.preventDefault();
  const answer = await sendCommand('/api/cohorts/' + encodeURIComponent(cohort.cohortId) + '/enrolments', {},
    {form: event.target, prefix: 'enrol', status: 'cohorts-status'});
  if (!answer) {
    // Refused (ended, or enrolled from another window, meanwhile): the list as it now is, not its Enrol again;
    // focus, gone with the button, goes to its heading. Without a connection, the list stays as it was.
    await showCohorts().catch(() => {});
    return;
  }
  // Enrolled again, leaving is a new command: never the last one's answer, kept for a retry of it.
  forgetKey($('leave-cohort-form'));
  await showCohorts(cohorts => cohorts.some(one => one.cohortId === cohort.cohortId && one.enrolled));
  await myCohorts();
  $('cohorts-status').textContent = t('cohorts.enrolled', {name: cohort.name});
  // The button went with the list it was in: focus goes to the cohort itself, the next step, not to the page.
  const link = [...$('all-cohorts').querySelectorAll('a')]
    .find(each => each.getAttribute('href') === '#cohort/' + encodeURIComponent(cohort.cohortId));
  if (link) {
    link.focus();
  }
}

/** Enrols in the cohort shown, whose feed only its members read, from its own page. */
async function enrolHere(event) {
  event.preventDefault();
  const {cohortId, name} = event.target.dataset;
  const answer = await sendCommand('/api/cohorts/' + encodeURIComponent(cohortId) + '/enrolments', {},
    {form: event.target, prefix: 'enrol-cohort', status: 'cohort-status'});
  if (!answer) {
    // Refused (ended, or enrolled from another window, meanwhile): the cohort as it now is, and why it was refused.
    const said = $('cohort-status').textContent;
    await showCohort(cohortId).catch(() => {}); // without a connection, it stays as it was
    $('cohort-status').textContent = said;
    return;
  }
  forgetKey($('leave-cohort-form'));
  await settle(readCohorts, read => read.refused
    || read.cohorts.some(one => one.cohortId === cohortId && one.enrolled));
  await myCohorts();
  await showCohort(cohortId);
  $('cohort-status').textContent = t('cohorts.enrolled', {name});
}

async function formCohort(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/cohorts', {name: form.elements.name.value,
    themes: themesOf(form.elements.themes.value)}, {form, prefix: 'cohort', status: 'form-cohort-status'});
  if (answer) {
    form.reset();
    await showCohorts(cohorts => cohorts.some(one => one.cohortId === answer.id));
    $('form-cohort-status').textContent = t('cohorts.formed');
  }
}

async function showCohort(cohortId) {
  shownCohort = null;
  $('cohort-status').textContent = '';
  $('cohort-found').hidden = true;
  const read = await readCohorts();
  const cohort = read.cohorts.find(one => one.cohortId === cohortId);
  $('cohort-title').textContent = cohort ? cohort.name : t('cohort.heading');
  $('cohort-about').textContent = cohort ? aboutCohort(cohort) : '';
  // Its feed is its members' own: who may enrol is offered it here, not only in the list.
  const enrol = $('enrol-cohort-form');
  enrol.hidden = !cohort || cohort.enrolled || cohort.ended;
  if (cohort) {
    Object.assign(enrol.dataset, {cohortId: cohort.cohortId, name: cohort.name});
    enrol.querySelector('button').textContent = t('cohorts.enrol', {name: cohort.name});
  }
  const answer = cohort ? await readApi('/api/cohorts/' + encodeURIComponent(cohortId) + '/learning') : null;
  $('cohort-found').hidden = !answer || !answer.ok;
  $('cohort-missing').hidden = !!answer && answer.ok;
  if (!answer || !answer.ok) {
    $('cohort-missing').textContent = !cohort ? read.refused || t('cohort.missing')
      : answer.status === 403 ? t(cohort.ended ? 'cohort.forbidden.ended' : 'cohort.forbidden')
        : t('cohort.unreadable');
    $('cohort-title').focus();
    return;
  }
  shownCohort = cohort;
  $('cohort-learn').hidden = !cohort.enrolled || cohort.ended;
  $('leave-cohort-form').hidden = !cohort.enrolled;
  $('end-cohort-form').hidden = cohort.ended || !cohort.facilitating;
  const items = await answer.json();
  $('cohort-feed').replaceChildren(...items.map(cohortItem));
  if (!items.length) {
    const li = document.createElement('li');
    li.textContent = t('cohort.feed.empty');
    $('cohort-feed').replaceChildren(li);
  }
  offerOlder(answer);
  $('cohort-title').focus();
}

/** Offers the cohort's older learning while the page read last says there is more (its {@code Link}). */
function offerOlder(answer) {
  const next = /<([^>]+)>;\s*rel="next"/.exec(answer.headers.get('Link') || '');
  $('cohort-older').hidden = !next;
  $('cohort-older').onclick = next && (async () => {
    const more = await readApi(next[1]);
    if (!more.ok) {
      $('cohort-older').hidden = true;
      $('cohort-feed').append(refusedItem(await notShown(more)));
      return;
    }
    $('cohort-feed').append(...(await more.json()).map(cohortItem));
    offerOlder(more);
  });
}

/** One piece of a cohort's learning: what was tried, by whom (unless shared without a name) and when. */
function cohortItem(item) {
  const li = learningItem(item);
  const date = new Date(item.at).toLocaleDateString(locale());
  li.append(' ' + (item.author ? t('cohort.feed.by', {name: item.author, date})
    : t('cohort.feed.unnamed', {date})));
  return li;
}
