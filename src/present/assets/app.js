// lectern present: the audience view, the presenter console and the phone
// remote. All three follow one state on the server (/events); every control
// goes to POST /control. No libraries, no network beyond this server.
'use strict';

const view = document.body.dataset.view;
let deck = null;          // /deck.json
let state = null;         // the last event
let stateAt = 0;          // when it arrived (performance.now())
let deckVersion = -1;
let hashApplied = false;  // whether the address' #label was honoured
let gotoBuffer = null;    // digits typed after `g`
let notesSize = Number(localStorage.getItem('lectern-notes-size')) || 24;

const WORDS = {
  zh: { next: '下一页', end: '演示结束', notes: '讲稿', noNotes: '（本页无讲稿）', clock: '时钟',
        elapsed: '已用', remaining: '剩余', paused: '已暂停', slide: '幻灯片', page: '页',
        section: (n, spent, budget) => budget == null ? `第 ${n} 部分：已用 ${spent} 分钟`
          : `第 ${n} 部分：已用 ${spent}/${budget} 分钟`,
        over: '超时', building: '正在构建……', error: '构建失败，观众仍看到上一版', goto: '跳到第',
        estimate: (m) => `讲稿约 ${m} 分钟`, behind: (m) => `落后 ${m} 分钟`, ahead: (m) => `领先 ${m} 分钟`,
        onPlan: '按计划', save: '保存计时（timing.json）' },
  en: { next: 'Next', end: 'End of the deck', notes: 'Notes', noNotes: '(no notes)', clock: 'Clock',
        elapsed: 'Elapsed', remaining: 'Left', paused: 'paused', slide: 'Slide', page: 'page',
        section: (n, spent, budget) => budget == null ? `Part ${n}: ${spent} min used`
          : `Part ${n}: ${spent}/${budget} min used`,
        over: 'over', building: 'Building…', error: 'Build failed; the audience still sees the last good deck', goto: 'Go to',
        estimate: (m) => `notes ≈ ${m} min`, behind: (m) => `${m} min behind`, ahead: (m) => `${m} min ahead`,
        onPlan: 'on plan', save: 'Save the times (timing.json)' },
};
const words = () => WORDS[(deck && deck.lang || '').toLowerCase().startsWith('zh') ? 'zh' : 'en'];

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
};

// ---- layout -----------------------------------------------------------
function layout() {
  if (view === 'audience') {
    document.body.innerHTML = `
      <div id="stage"><div class="frame"><img id="current" alt=""></div></div>
      <div id="text" class="sr-text" aria-live="polite"></div>
      <div id="blank"></div>`;
  } else if (view === 'presenter') {
    document.body.innerHTML = `
      <header id="bar">
        <span><span class="label" id="l-clock"></span><span id="clock" class="big"></span></span>
        <span><span class="label" id="l-elapsed"></span><span id="elapsed" class="big"></span></span>
        <span><span class="label" id="l-remaining"></span><span id="remaining" class="big"></span></span>
        <span id="section"></span>
        <span id="pace"></span>
        <a id="save-timing" href="/timing.json" download="timing.json"></a>
        <span id="number"></span>
      </header>
      <div id="main">
        <section id="now"><div class="frame"><img id="current" alt=""></div>
          <div id="text" class="sr-text"></div>
          <ol id="plan"></ol></section>
        <aside id="side">
          <div id="next-box"><div class="caption" id="l-next"></div>
            <div class="frame"><img id="next" alt=""><div id="next-end" hidden></div></div></div>
          <div id="notes"></div>
        </aside>
      </div>
      <div id="overview" hidden></div>
      <div id="goto" hidden></div>
      <div id="error" hidden><h2 id="l-error"></h2><pre id="error-text"></pre></div>`;
  } else {
    document.body.innerHTML = `
      <div id="rbar"><span id="number"></span><span id="elapsed"></span></div>
      <div id="buttons"><button class="prev" id="prev">◀</button><button class="next" id="nextb">▶</button></div>
      <div id="notes"></div>`;
    $('prev').onclick = () => control('go=prev');
    $('nextb').onclick = () => control('go=next');
  }
}

// ---- server -----------------------------------------------------------
function control(query) {
  return fetch('/control?' + query, { method: 'POST', headers: { 'X-Lectern': 'control' } });
}

async function onState(next) {
  state = next;
  stateAt = performance.now();
  if (state.deck_version !== deckVersion) {
    const response = await fetch('/deck.json', { cache: 'no-store' });
    const fresh = await response.json();
    if (fresh) {
      deck = fresh;
      deckVersion = state.deck_version;
      document.documentElement.style.setProperty('--aspect', String(deck.aspect));
      document.title = deck.title + ' · lectern';
      // The deck's language, for screen readers and hyphenation.
      document.documentElement.lang = deck.lang || 'en';
      if (view === 'presenter') buildOverview();
    }
  }
  if (deck && !hashApplied) {
    hashApplied = true;
    const target = fromHash(location.hash);
    if (target != null && target !== state.position) { control('go=' + target); }
  }
  render();
}

function connect() {
  const source = new EventSource('/events');
  source.onmessage = (e) => onState(JSON.parse(e.data));
}

// ---- the address keeps the place: #12 is page label 12, #12.2 its 2nd step
function fromHash(hash) {
  const m = /^#(\d+)(?:\.(\d+))?$/.exec(hash || '');
  if (!m || !deck) return null;
  const step = m[2] ? Number(m[2]) - 1 : 0;
  const pages = deck.pages.map((p, i) => [p, i]).filter(([p]) => p.label === m[1]);
  if (!pages.length) return null;
  const exact = pages.find(([p]) => p.step === step);
  return (exact || pages[0])[1];
}

function hashOf(page) {
  return '#' + page.label + (page.steps > 1 || page.step > 0 ? '.' + (page.step + 1) : '');
}

// ---- rendering ----------------------------------------------------------
function render() {
  if (!deck || !state) {
    if (view === 'presenter' && state && state.error) showError();
    return;
  }
  const page = deck.pages[state.position] || deck.pages[0];
  if (!page) return;
  const hash = hashOf(page);
  if (location.hash !== hash) history.replaceState(null, '', hash);
  const current = $('current');
  if (current && current.getAttribute('src') !== page.svg) current.src = page.svg;
  const text = $('text');
  if (text) text.textContent = page.text;
  if (view === 'audience') {
    $('blank').className = state.blank === 'none' ? '' : state.blank;
  }
  if (view === 'presenter') {
    const next = deck.pages[state.position + 1];
    $('l-next').textContent = words().next;
    $('next').hidden = !next;
    $('next-end').hidden = !!next;
    $('next-end').textContent = words().end;
    if (next && $('next').getAttribute('src') !== next.svg) $('next').src = next.svg;
    renderPlan(page);
    for (const b of document.querySelectorAll('#overview button')) {
      b.classList.toggle('current', b.dataset.label === page.label);
    }
    showError();
  }
  if (view !== 'audience') {
    const notes = $('notes');
    notes.style.fontSize = notesSize + 'px';
    if (notes.dataset.page !== String(state.position) + ':' + deckVersion) {
      notes.dataset.page = String(state.position) + ':' + deckVersion;
      notes.innerHTML = page.notes || `<p class="none">${words().noNotes}</p>`;
    }
    const labels = deck.pages.filter((p, i) => i === 0 || p.label !== deck.pages[i - 1].label).length;
    $('number').textContent = `${words().slide} ${page.label} / ${labels}` +
      (page.steps > 1 ? ` (${page.step + 1}/${page.steps})` : '') +
      ` · ${words().page} ${state.position + 1}/${deck.pages.length}`;
  }
  tick();
}

// The slides of the current section, the current one marked: where the
// lecture stands within its part.
function renderPlan(page) {
  const plan = $('plan');
  plan.innerHTML = '';
  if (page.section == null) return;
  deck.pages.forEach((p, i) => {
    if (p.section !== page.section || (i > 0 && deck.pages[i - 1].label === p.label)) return;
    const item = el('li', {}, `${p.label}. ${p.title}`);
    if (p.label === page.label) item.className = 'here';
    plan.append(item);
  });
}

function showError() {
  const box = $('error');
  if (!box) return;
  box.hidden = !state.error;
  $('l-error').textContent = words().error;
  $('error-text').textContent = state.error || '';
}

function buildOverview() {
  const grid = $('overview');
  grid.innerHTML = '';
  deck.pages.forEach((p, i) => {
    const last = deck.pages[i + 1];
    // One thumbnail per slide: its fully revealed page.
    if (last && last.label === p.label) return;
    const first = deck.pages.findIndex((q) => q.label === p.label);
    const b = el('button', { 'data-label': p.label, 'data-index': String(first) });
    const img = el('img', { src: p.svg, alt: '', loading: 'lazy' });
    b.append(img, el('div', {}, `${p.label}. ${p.title}`));
    b.onclick = () => { control('go=' + first); grid.hidden = true; };
    grid.append(b);
  });
}

// ---- clocks -----------------------------------------------------------
function mmss(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return (ms < 0 ? '-' : '') + (h ? h + ':' + two(m) : String(m)) + ':' + two(sec);
}

function tick() {
  if (!state || view === 'audience') return;
  const live = state.running ? performance.now() - stateAt : 0;
  const elapsed = state.elapsed_ms + live;
  if (view === 'remote') { $('elapsed').textContent = mmss(elapsed); return; }
  const w = words();
  $('l-clock').textContent = w.clock;
  $('l-elapsed').textContent = w.elapsed;
  $('l-remaining').textContent = w.remaining;
  if ($('save-timing')) $('save-timing').textContent = w.save;
  const now = new Date();
  $('clock').textContent = now.toTimeString().slice(0, 5);
  $('elapsed').textContent = mmss(elapsed) + (state.running || !state.elapsed_ms ? '' : ' ' + w.paused);
  $('elapsed').classList.toggle('paused', !state.running && state.elapsed_ms > 0);
  let remaining = null;
  if (deck && deck.end_time) {
    const [h, m] = deck.end_time.split(':').map(Number);
    const end = new Date(now); end.setHours(h, m, 0, 0);
    remaining = end - now;
  } else if (deck && deck.slot) {
    remaining = deck.slot * 60000 - elapsed;
  }
  $('remaining').textContent = remaining == null ? '—' : mmss(remaining);
  $('remaining').classList.toggle('over', remaining != null && remaining < 0);
  const page = deck && deck.pages[state.position];
  const section = page && page.section != null ? deck.sections[page.section] : null;
  const box = $('section');
  if (section) {
    const spent = Math.floor((state.section_ms + live) / 60000);
    box.textContent = w.section(page.section + 1, spent, section.minutes)
      + ' · ' + w.estimate(Math.round(section.estimate));
    box.className = section.minutes == null ? '' : spent > section.minutes ? 'behind' : 'ahead';
    box.title = section.title;
  } else {
    box.textContent = '';
  }
  // The plan against the clock: where the notes say the lecture should be
  // when this slide comes up, against the time elapsed.
  const pace = $('pace');
  if (pace && page && state.elapsed_ms > 0) {
    const late = Math.round((elapsed - page.plan_ms) / 60000);
    pace.textContent = late >= 1 ? w.behind(late) : late <= -1 ? w.ahead(-late) : w.onPlan;
    pace.className = late >= 1 ? 'behind' : 'ahead';
  } else if (pace) {
    pace.textContent = '';
  }
}
setInterval(tick, 250);

// ---- keys -------------------------------------------------------------
function toggleBlank(colour) {
  control('blank=' + (state && state.blank === colour ? 'none' : colour));
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (gotoBuffer != null) {
    if (/^[0-9.]$/.test(e.key)) { gotoBuffer += e.key; }
    else if (e.key === 'Backspace') { gotoBuffer = gotoBuffer.slice(0, -1); }
    else if (e.key === 'Enter') {
      const target = fromHash('#' + gotoBuffer);
      if (target != null) control('go=' + target);
      gotoBuffer = null;
    } else if (e.key === 'Escape') { gotoBuffer = null; }
    const box = $('goto');
    if (box) { box.hidden = gotoBuffer == null; box.textContent = words().goto + ' ' + (gotoBuffer || '…'); }
    e.preventDefault();
    return;
  }
  const overview = $('overview');
  switch (e.key) {
    case 'ArrowRight': case 'ArrowDown': case ' ': case 'PageDown': case 'Enter':
      control('go=next'); break;
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace':
      control('go=prev'); break;
    case 'Home': control('go=first'); break;
    case 'End': control('go=last'); break;
    case 'b': case '.': toggleBlank('black'); break;
    case 'w': toggleBlank('white'); break;
    case 'f':
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
      break;
    case 'p': if (view !== 'audience') control('clock=pause'); break;
    case 'o': if (overview) overview.hidden = !overview.hidden; break;
    case 'g':
      if (view === 'presenter') {
        gotoBuffer = '';
        $('goto').hidden = false;
        $('goto').textContent = words().goto + ' …';
      }
      break;
    case 'Escape': if (overview) overview.hidden = true; break;
    case '+': case '=':
      notesSize = Math.min(64, notesSize + 2); localStorage.setItem('lectern-notes-size', notesSize); render(); break;
    case '-':
      notesSize = Math.max(12, notesSize - 2); localStorage.setItem('lectern-notes-size', notesSize); render(); break;
    default: return;
  }
  e.preventDefault();
});

layout();
connect();
