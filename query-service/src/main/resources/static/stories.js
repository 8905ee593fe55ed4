'use strict';
// Stories: told once with who may read them and for what; their consent narrowed later; referred to from
// experiments and learning so that nobody has to tell theirs again.

/** Each purpose a story may be used for, as a line about its consent says it, and as a choice to keep it. */
const PURPOSES = {LEARNING: 'stories.purpose.learning', SERVICE_DESIGN: 'stories.purpose.servicedesign',
  RESEARCH: 'stories.purpose.research', PUBLIC_REPORTING: 'stories.purpose.publicreporting'};
const PURPOSE_CHOICES = {LEARNING: 'stories.narrow.purpose.learning',
  SERVICE_DESIGN: 'stories.narrow.purpose.servicedesign', RESEARCH: 'stories.narrow.purpose.research',
  PUBLIC_REPORTING: 'stories.narrow.purpose.publicreporting'};
const READERS = {PRIVATE: 'stories.readers.private', TEAM: 'stories.readers.team',
  ORGANISATION: 'stories.readers.organisation', SYSTEM: 'stories.readers.system'};
const CHOICES = {PRIVATE: 'visibility.private', TEAM: 'visibility.team', ORGANISATION: 'visibility.organisation',
  SYSTEM: 'visibility.system'};
const WIDTH = Object.keys(CHOICES);

VIEWS.stories = {element: 'stories-view', title: 'page.title.stories', show: showStories};

document.addEventListener('DOMContentLoaded', () => {
  $('story-form').addEventListener('submit', tell);
});

/**
 * The signed-in person's stories, newest first, and, when they cannot be read, none and why ({@code refused}). Those
 * whose consent covers learning are offered wherever a story can be referred to; the choices stay as they were when
 * none can be read.
 */
async function myStories() {
  const [answer, sharedAnswer] = await Promise.all([readApi('/api/stories/mine'), readApi('/api/stories/shared')]);
  if (!answer.ok) {
    return {stories: [], refused: await notShown(answer)};
  }
  const stories = await answer.json();
  // Others' stories too, which they told for learning: referred to, nobody has to tell theirs again.
  const shared = sharedAnswer.ok ? await sharedAnswer.json() : [];
  const referable = stories.filter(story => story.purposes.includes('LEARNING'));
  document.querySelectorAll('.story-choice').forEach(select => {
    const chosen = select.selectedOptions[0];
    const groups = [];
    if (referable.length) {
      const own = document.createElement('optgroup');
      own.label = t('stories.choice.mine');
      // One's own story names one: not offered with what is shared without a name.
      own.dataset.own = 'true';
      own.append(...referable.map(story => new Option(excerpt(story.text), story.storyId)));
      groups.push(own);
    }
    if (shared.length) {
      const others = document.createElement('optgroup');
      others.label = t('stories.choice.shared');
      others.append(...shared.map(story => new Option(t('stories.choice.told', {text: excerpt(story.text),
        teller: story.tellerName}), story.storyId)));
      groups.push(others);
    }
    select.replaceChildren(select.options[0], ...groups);
    keepChosen(select, chosen, false);
  });
  storyWithoutName();
  return {stories};
}

function excerpt(text) {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

async function showStories(settledOn) {
  if (!settledOn) {
    $('stories-title').focus();
    $('my-stories-status').textContent = '';
  }
  const stories = await settledList(myStories, 'stories', settledOn, $('my-stories'));
  if (!stories) {
    return;
  }
  $('my-stories').replaceChildren(...stories.map(story => {
    const li = document.createElement('li');
    const text = document.createElement('p');
    text.textContent = story.text;
    const consent = document.createElement('p');
    consent.className = 'hint';
    consent.textContent = story.purposes.length
      ? t('stories.consent', {readers: t(READERS[story.visibility]),
        purposes: story.purposes.map(purpose => t(PURPOSES[purpose])).join(', ')})
      : t('stories.consent.none', {readers: t(READERS[story.visibility])});
    li.append(text, consent, narrowForm(story));
    return li;
  }));
  if (!stories.length) {
    const li = document.createElement('li');
    li.textContent = t('stories.empty');
    $('my-stories').append(li);
  }
}

/** A form that narrows a story's consent: only as wide as it is now, only the purposes it has now. */
function narrowForm(story) {
  const prefix = 'narrow-' + story.storyId;
  const form = document.createElement('form');
  form.noValidate = true;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t('stories.narrow');
  const field = document.createElement('div');
  field.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = prefix + '-visibility';
  label.textContent = t('stories.narrow.visibility');
  const select = document.createElement('select');
  select.id = prefix + '-visibility';
  select.name = 'visibility';
  WIDTH.slice(0, WIDTH.indexOf(story.visibility) + 1).forEach(width => select.append(new Option(t(CHOICES[width]),
    width)));
  select.value = story.visibility;
  const error = document.createElement('p');
  error.id = prefix + '-visibility-error';
  error.className = 'error';
  error.hidden = true;
  field.append(label, select, error);
  const purposes = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t('stories.narrow.purposes');
  purposes.append(legend, ...story.purposes.map(purpose => {
    const option = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'purposes';
    box.value = purpose;
    box.checked = true;
    option.append(box, ' ' + t(PURPOSE_CHOICES[purpose]));
    return option;
  }));
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = t('stories.narrow.submit');
  const status = document.createElement('p');
  status.id = prefix + '-status';
  status.setAttribute('role', 'status');
  details.append(summary, field, purposes, button, status);
  form.append(details);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {visibility: select.value, purposes: checked(form, 'purposes')};
    // Consent once narrowed is never widened again: only telling the story anew would, which no one should need.
    const narrower = body.visibility !== story.visibility || body.purposes.length < story.purposes.length;
    if (!narrower) {
      status.textContent = t('stories.narrow.unchanged'); // nothing to send: it is shared so already
      return;
    }
    if (!confirm(t('stories.narrow.confirm'))) {
      return;
    }
    const answer = await sendCommand('/api/stories/' + encodeURIComponent(story.storyId) + '/consent', body,
      {form, prefix, status: status.id});
    if (answer) {
      await showStories(stories => stories.some(told => told.storyId === story.storyId
        && told.visibility === body.visibility && told.purposes.length === body.purposes.length));
      // Found in review: the form and its status went with the list shown again, and nothing said it was done.
      $('my-stories-status').textContent = t('stories.narrowed');
      keepFocus(form, 'my-stories-heading');
    }
  });
  return form;
}

function checked(form, name) {
  return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked'), box => box.value);
}

async function tell(event) {
  event.preventDefault();
  const form = event.target;
  const answer = await sendCommand('/api/stories', {text: form.elements.text.value,
    visibility: form.elements.visibility.value, purposes: checked(form, 'purposes')},
  {form, prefix: 'story', status: 'story-status'});
  if (answer) {
    form.reset();
    // Said at once (found walking through as a person new to such pages: the story vanished, and nothing was said
    // for seconds while the list caught up, so it was told again); the list follows.
    $('story-status').textContent = t('stories.told');
    await showStories(stories => stories.some(story => story.storyId === answer.id));
  }
}
