// reprint HTML report. Reads the JSON block #reprint-data and builds the page.
// Article text is untrusted: it only ever reaches the page as text nodes.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('reprint-data').textContent);
  const docs = data.documents;
  const PAGE = 200;  // rows rendered at a time; more as the list scrolls

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'width') node.style.width = value;  // CSSOM: allowed by the CSP, unlike a style attribute
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }
  const svg = (tag, attrs) => {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  };
  const fixed = (x, digits) => (x === null || x === undefined ? '' : Number(x).toFixed(digits));
  const percent = (x) => (100 * x).toFixed(0) + '%';
  const outlet = (d) => d.source || '-';
  const date = (d) => (d.published ? d.published.slice(0, 10) : 'undated');

  // Offsets in the data count Unicode code points; JavaScript strings count
  // UTF-16 units. Per document, the map from one to the other.
  const unitMaps = new Map();
  function units(docIndex, codePoint) {
    let map = unitMaps.get(docIndex);
    if (!map) {
      const text = docs[docIndex].text;
      map = [0];
      for (let i = 0; i < text.length; ) {
        i += text.codePointAt(i) > 0xffff ? 2 : 1;
        map.push(i);
      }
      unitMaps.set(docIndex, map);
    }
    return map[Math.min(codePoint, map.length - 1)];
  }

  // ---------------------------------------------------------------- lists

  // A table whose rows are rendered PAGE at a time as it scrolls into view.
  function lazyTable(container, columns, rows, rowOf) {
    container.replaceChildren();
    let order = null;
    const head = el('tr', {}, columns.map((column, i) => el('th', {
      text: column.label, 'data-column': String(i),
      onclick: () => {
        order = { column: i, desc: order && order.column === i ? !order.desc : column.numeric };
        render();
      },
    })));
    const body = el('tbody');
    const table = el('table', {}, [el('thead', {}, [head]), body]);
    const more = el('div', { class: 'more' });
    container.append(table, more);
    let shown = 0;
    let sorted = rows;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) page();
    });
    function page() {
      const end = Math.min(sorted.length, shown + PAGE);
      for (; shown < end; ++shown) body.append(rowOf(sorted[shown]));
      more.textContent = shown < sorted.length ? `${sorted.length - shown} more rows` : `${sorted.length} rows`;
    }
    function render() {
      sorted = rows.slice();
      if (order) {
        const key = columns[order.column].key;
        sorted.sort((x, y) => {
          const a = key(x), b = key(y);
          const c = a < b ? -1 : a > b ? 1 : 0;
          return order.desc ? -c : c;
        });
      }
      head.querySelectorAll('th').forEach((th, i) => {
        if (order && order.column === i) th.setAttribute('data-order', order.desc ? 'desc' : 'asc');
        else th.removeAttribute('data-order');
      });
      body.replaceChildren();
      shown = 0;
      page();
    }
    render();
    observer.observe(more);
    return table;
  }

  // ---------------------------------------------------------------- clusters

  function timeline(cluster) {
    const width = 760, height = 24 + 18 * Math.min(cluster.members.length, 12);
    const times = cluster.members.map((m) => docs[m].t).filter((t) => t !== null);
    const lo = Math.min(...times), hi = Math.max(...times);
    // Undated members sit at the right end; labels need room after the last dot.
    const x = (m) => (docs[m].t === null || hi === lo ? width - 220 : 20 + ((docs[m].t - lo) / (hi - lo)) * (width - 240));
    const y = new Map(cluster.members.map((m, i) => [m, 14 + 18 * (i % 12)]));
    const picture = svg('svg', { class: 'timeline', width, height, role: 'img', 'aria-label': 'who took from whom, when' });
    for (const link of cluster.tree) {
      picture.append(svg('line', { class: 'edge', x1: x(link.from), y1: y.get(link.from), x2: x(link.m), y2: y.get(link.m) }));
    }
    for (const m of cluster.members) {
      picture.append(svg('circle', { cx: x(m), cy: y.get(m), r: 5, class: m === cluster.origin ? 'origin' : 'member' }));
      const label = svg('text', { x: x(m) + 8, y: y.get(m) + 3 });
      label.textContent = `${outlet(docs[m])} · ${date(docs[m])}`;
      picture.append(label);
    }
    return picture;
  }

  // Which cluster each document is in, and each cluster's pairs (for its
  // largest containment): one pass over each list, whatever their sizes.
  const clusterOfDoc = new Map();
  for (const cluster of data.clusters) for (const m of cluster.members) clusterOfDoc.set(m, cluster.id);
  const clusterOfPair = (p) => {
    const c = clusterOfDoc.get(p.a);
    return c !== undefined && c === clusterOfDoc.get(p.b) ? c : null;
  };
  const clusterPairs = new Map();  // cluster id -> its pairs
  for (const [index, pair] of data.pairs.entries()) {
    const c = clusterOfPair(pair);
    if (c === null) continue;
    if (!clusterPairs.has(c)) clusterPairs.set(c, []);
    clusterPairs.get(c).push(index);
  }
  // Who was published first, from the dates alone: 'a → b', 'b → a', or
  // 'unknown' when either is undated or both came out together.
  const direction = (p) => {
    const ta = docs[p.a].t, tb = docs[p.b].t;
    return ta === null || tb === null || ta === tb ? 'unknown' : ta < tb ? 'a → b' : 'b → a';
  };
  const kinds = (p) => [...new Set(p.passages.map((q) => (q.quoted ? 'quoted' : q.kind)))].join(', ');
  const originText = (c) => (c.origin_known === false
    ? `unknown (earliest dated ${docs[c.origin].id}, ${outlet(docs[c.origin])})`
    : `${docs[c.origin].id} (${outlet(docs[c.origin])})`);
  let onlyCluster = null;  // #cluster-N shows that cluster alone, opened
  const clusterContainment = (c) =>
    Math.max(0, ...(clusterPairs.get(c.id) || []).map((i) => Math.max(data.pairs[i].ca, data.pairs[i].cb)));
  const clusterText = (c) => c.members.map((m) => `${docs[m].id} ${docs[m].source} ${docs[m].title}`).join(' ').toLowerCase();
  const clusterTimes = (c) => c.members.map((m) => docs[m].published).filter(Boolean).sort();

  function showClusters() {
    const text = document.getElementById('cluster-filter').value.trim().toLowerCase();
    const minSize = Number(document.getElementById('cluster-min-size').value) || 0;
    const from = document.getElementById('cluster-from').value;
    const to = document.getElementById('cluster-to').value;
    const minContainment = (Number(document.getElementById('cluster-min-containment').value) || 0) / 100;
    const rows = data.clusters.filter((c) => {
      if (onlyCluster !== null) return c.id === onlyCluster;
      const times = clusterTimes(c);
      return (!text || clusterText(c).includes(text)) && c.members.length >= minSize &&
             (!from || (times.length && times[times.length - 1].slice(0, 10) >= from)) &&
             (!to || (times.length && times[0].slice(0, 10) <= to)) &&
             clusterContainment(c) >= minContainment;
    });
    document.getElementById('cluster-count').replaceChildren(onlyCluster === null
      ? `${rows.length} of ${data.clusters.length} clusters`
      : el('span', {}, [`cluster ${onlyCluster} of ${data.clusters.length} · `, el('a', { href: '#clusters', text: 'all clusters' })]));
    lazyTable(document.getElementById('cluster-table'), [
      { label: 'cluster', key: (c) => c.id, numeric: true },
      { label: 'articles', key: (c) => c.members.length, numeric: true },
      { label: 'origin', key: (c) => docs[c.origin].id },
      { label: 'outlets', key: (c) => new Set(c.members.map((m) => docs[m].source)).size, numeric: true },
      { label: 'first seen', key: (c) => clusterTimes(c)[0] || '' },
      { label: 'last seen', key: (c) => clusterTimes(c).slice(-1)[0] || '' },
      { label: 'containment', key: clusterContainment, numeric: true },
    ], rows, (c) => {
      const times = clusterTimes(c);
      const detail = el('tr', { class: 'detail', hidden: '' }, [el('td', { colspan: '7' })]);
      const row = el('tr', { class: 'row cluster-row', 'data-cluster': String(c.id), onclick: () => {
        if (detail.hidden && !detail.firstChild.firstChild) {
          const list = el('ul', {}, c.members.map((m) => {
            const link = c.tree.find((l) => l.m === m);
            const pairIndex = link ? data.pairs.findIndex((p) => (p.a === m && p.b === link.from) || (p.b === m && p.a === link.from)) : -1;
            return el('li', {}, [
              el('span', { text: `${date(docs[m])} ${outlet(docs[m])} — ${docs[m].id} ` }),
              el('span', { class: 'muted', text: link
                ? `${link.known === false ? 'alike, which came first unknown:' : 'from'} ${docs[link.from].id}, ${fixed(link.sim, 2)}`
                : m === c.origin ? (c.origin_known === false ? 'earliest dated' : 'origin') : '' }),
              pairIndex >= 0 ? el('a', { href: `#pair-${pairIndex}`, text: ' compare' }) : '',
            ]);
          }));
          detail.firstChild.append(timeline(c), list);
        }
        detail.hidden = !detail.hidden;
      } }, [
        el('td', { class: 'num', text: String(c.id) }),
        el('td', { class: 'num', text: String(c.members.length) }),
        el('td', { text: originText(c) }),
        el('td', { class: 'num', text: String(new Set(c.members.map((m) => docs[m].source)).size) }),
        el('td', { text: (times[0] || '').slice(0, 10) }),
        el('td', { text: (times.slice(-1)[0] || '').slice(0, 10) }),
        el('td', { class: 'num', text: percent(clusterContainment(c)) }),
      ]);
      const fragment = document.createDocumentFragment();
      fragment.append(row, detail);
      if (onlyCluster !== null) row.click();
      return fragment;
    });
  }

  // ---------------------------------------------------------------- pairs

  function showPairs() {
    const text = document.getElementById('pair-filter').value.trim().toLowerCase();
    const minContainment = (Number(document.getElementById('pair-min-containment').value) || 0) / 100;
    const rows = [...data.pairs.keys()].filter((i) => {
      const p = data.pairs[i];
      const words = `${docs[p.a].id} ${docs[p.a].source} ${docs[p.b].id} ${docs[p.b].source}`.toLowerCase();
      return (!text || words.includes(text)) && Math.max(p.ca, p.cb) >= minContainment;
    });
    document.getElementById('pair-count').textContent = `${rows.length} of ${data.pairs.length} pairs`;
    lazyTable(document.getElementById('pair-table'), [
      { label: 'a', key: (i) => docs[data.pairs[i].a].id },
      { label: 'b', key: (i) => docs[data.pairs[i].b].id },
      { label: 'Jaccard', key: (i) => data.pairs[i].jaccard, numeric: true },
      { label: 'a in b', key: (i) => data.pairs[i].ca, numeric: true },
      { label: 'b in a', key: (i) => data.pairs[i].cb, numeric: true },
      { label: 'passages', key: (i) => data.pairs[i].passages.length, numeric: true },
      { label: 'kinds', key: (i) => kinds(data.pairs[i]) },
      { label: 'first', key: (i) => direction(data.pairs[i]) },
      { label: 'cluster', key: (i) => clusterOfPair(data.pairs[i]) ?? 0, numeric: true },
    ], rows, (i) => {
      const p = data.pairs[i];
      const side = (d) => el('td', {}, [
        el('div', { text: `${docs[d].id} (${outlet(docs[d])})` }),
        el('div', { class: 'muted', text: `${date(docs[d])}${docs[d].title ? ' · ' + docs[d].title : ''}` }),
      ]);
      const cluster = clusterOfPair(p);
      return el('tr', { class: 'row pair-row', 'data-pair': String(i), onclick: () => { location.hash = `pair-${i}`; } }, [
        side(p.a), side(p.b),
        el('td', { class: 'num', text: fixed(p.jaccard, 3) }),
        el('td', { class: 'num', text: percent(p.ca) }),
        el('td', { class: 'num', text: percent(p.cb) }),
        el('td', { class: 'num', text: String(p.passages.length) }),
        el('td', { text: kinds(p) }),
        el('td', { class: 'direction', text: direction(p) }),
        el('td', { class: 'num' }, cluster === null ? [] : [el('a', {
          href: `#cluster-${cluster}`, text: String(cluster), onclick: (e) => e.stopPropagation() })]),
      ]);
    });
  }

  // ---------------------------------------------------------------- one pair

  // The text of document `d` with the pair's passages on `side` marked, and
  // inside them the words the rewrite changed.
  function markedText(pairIndex, side) {
    const pair = data.pairs[pairIndex];
    const d = side === 'a' ? pair.a : pair.b;
    const text = docs[d].text;
    const box = el('div', { class: 'article', id: `article-${side}`, 'data-doc': docs[d].id });
    const passages = pair.passages.map((p, k) => ({ p, k, begin: units(d, p[side][0]), end: units(d, p[side][1]) }))
      .sort((x, y) => x.begin - y.begin);
    let at = 0;
    for (const { p, k, begin, end } of passages) {
      if (begin < at) continue;  // overlaps the passage before on this side
      box.append(document.createTextNode(text.slice(at, begin)));
      const kind = p.quoted ? 'quoted' : `kind-${p.kind}`;
      const mark = el('mark', {
        class: `passage ${kind} kind-${p.kind}`, 'data-passage': String(k), 'data-side': side,
        title: `${p.kind}${p.quoted ? ', quoted' : ''}, similarity ${fixed(p.sim, 2)}`,
        onclick: () => focusPartner(k, side),
      });
      // Edits: a's removed words, b's inserted ones.
      const changed = p.edits.filter((e) => (side === 'a' ? e.op !== 'insert' : e.op !== 'delete'))
        .map((e) => [units(d, e[side][0]), units(d, e[side][1])]).filter(([b, e]) => e > b && b >= begin && e <= end)
        .sort((x, y) => x[0] - y[0]);
      let inner = begin;
      for (const [b, e] of changed) {
        if (b < inner) continue;
        mark.append(document.createTextNode(text.slice(inner, b)));
        mark.append(el(side === 'a' ? 'del' : 'ins', { class: 'edit', text: text.slice(b, e) }));
        inner = e;
      }
      mark.append(document.createTextNode(text.slice(inner, end)));
      box.append(mark);
      at = end;
    }
    box.append(document.createTextNode(text.slice(at)));
    return box;
  }

  function focusPartner(k, side) {
    const other = side === 'a' ? 'b' : 'a';
    document.querySelectorAll('mark.focused').forEach((m) => m.classList.remove('focused'));
    const mine = document.querySelector(`#article-${side} mark[data-passage="${k}"]`);
    const partner = document.querySelector(`#article-${other} mark[data-passage="${k}"]`);
    if (mine) mine.classList.add('focused');
    if (partner) {
      partner.classList.add('focused');
      partner.scrollIntoView({ block: 'center' });
    }
  }

  function describe(d, containment, otherId) {
    const doc = docs[d];
    return el('div', {}, [
      el('strong', { text: doc.id }),
      el('div', { text: `${outlet(doc)} · ${date(doc)}` }),
      doc.title ? el('div', { text: doc.title }) : '',
      doc.url ? el('div', { class: 'muted', text: doc.url }) : '',
      el('div', { text: `${percent(containment)} of it is in ${otherId}` }),
    ]);
  }

  function showPair(i) {
    const pair = data.pairs[i];
    const section = document.getElementById('pair');
    const cluster = clusterOfPair(pair);
    const first = direction(pair);
    section.replaceChildren(
      el('p', {}, [el('a', { href: '#pairs', text: '← all pairs' }), el('span', { class: 'muted',
        text: `  Jaccard ${fixed(pair.jaccard, 3)}${pair.near ? ', near-duplicate' : ''}; ${pair.passages.length} passages; ` +
              (first === 'unknown' ? 'which came first is unknown' : `${docs[first === 'a → b' ? pair.a : pair.b].id} came first`) }),
        cluster === null ? '' : el('span', {}, [' · ', el('a', { class: 'cluster-link', href: `#cluster-${cluster}`, text: `cluster ${cluster}` })])]),
      el('p', { class: 'legend' }, [
        el('span', { class: 'kind-verbatim', text: 'verbatim' }), el('span', { class: 'kind-rewritten', text: 'rewritten' }),
        el('span', { class: 'quoted', text: 'quoted' }), el('span', { class: 'kind-boilerplate', text: 'boilerplate' }),
        el('del', { class: 'edit', text: 'removed' }), el('ins', { class: 'edit', text: 'added' }),
      ]),
      el('div', { class: 'pair-head' }, [describe(pair.a, pair.ca, docs[pair.b].id), describe(pair.b, pair.cb, docs[pair.a].id)]),
      el('div', { class: 'pair-texts' }, [markedText(i, 'a'), markedText(i, 'b')]));
  }

  // ---------------------------------------------------------------- audit

  function showAudit() {
    const audit = data.audit;
    const bar = (share) => el('td', { class: 'bar-cell' }, [el('span', { class: 'bar', width: `${Math.round(150 * share)}px` }),
      el('span', { text: ` ${percent(share)}` })]);
    lazyTable(document.getElementById('audit-table'), [
      { label: 'outlet', key: (o) => o.outlet },
      { label: 'articles', key: (o) => o.articles, numeric: true },
      { label: 'reusing', key: (o) => o.reusing, numeric: true },
      { label: 'text reused', key: (o) => o.text, numeric: true },
      { label: 'wire', key: (o) => o.wire, numeric: true },
      { label: 'takes most from', key: (o) => o.takes_from.join(', ') },
      { label: 'taken most by', key: (o) => o.taken_by.join(', ') },
    ], audit.outlets, (o) => el('tr', { class: 'row outlet-row' }, [
      el('td', { text: o.outlet + (o.is_wire ? ' (wire)' : '') }), el('td', { class: 'num', text: String(o.articles) }),
      bar(o.reusing), bar(o.text), bar(o.wire),
      el('td', { text: o.takes_from.join(', ') }), el('td', { text: o.taken_by.join(', ') }),
    ]));
    const lists = document.getElementById('audit-lists');
    lists.replaceChildren(
      el('h3', { text: 'Largest clusters' }),
      el('ul', {}, audit.clusters.map((c) => el('li', {}, [
        data.clusters.some((d) => d.id === c.id) ? el('a', { href: `#cluster-${c.id}`, text: `cluster ${c.id}` }) : `cluster ${c.id}`,
        `: ${c.size} articles from ${c.outlets} outlets, origin ${c.origin_known === false ? 'unknown, earliest dated ' : ''}` +
        `${c.origin} (${c.origin_outlet}), ${c.first || 'undated'} to ${c.last || 'undated'}`]))),
      el('h3', { text: 'Most borrowed text' }),
      el('ul', {}, audit.borrowers.map((b) => el('li', {}, [
        `${b.article} (${b.outlet}): ${percent(b.share)} of it (${b.chars} characters) from ${b.source} (${b.source_outlet})`,
        b.pair >= 0 ? el('a', { href: `#pair-${b.pair}`, text: ' compare' }) : '']))));
  }

  // ---------------------------------------------------------------- navigation

  const views = ['clusters', 'pairs', 'audit', 'pair'];
  function route() {
    const hash = location.hash.slice(1);
    const pairMatch = /^pair-(\d+)$/.exec(hash);
    const clusterMatch = /^cluster-(\d+)$/.exec(hash);
    const cluster = clusterMatch && data.clusters.some((c) => c.id === Number(clusterMatch[1])) ? Number(clusterMatch[1]) : null;
    const shown = (v) => v === 'audit' ? Boolean(data.audit) : v === 'clusters' ? data.clusters.length > 0 : data.pairs.length > 0;
    const view = pairMatch && data.pairs[Number(pairMatch[1])] ? 'pair'
               : cluster !== null ? 'clusters'
               : views.includes(hash) && shown(hash) ? hash
               : data.audit ? 'audit' : data.clusters.length ? 'clusters' : 'pairs';
    if (cluster !== onlyCluster && view === 'clusters') {
      onlyCluster = cluster;
      showClusters();
    }
    for (const v of views) document.getElementById(v).hidden = v !== view;
    document.querySelectorAll('nav button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.view === view)));
    if (view === 'pair') showPair(Number(pairMatch[1]));
  }

  document.getElementById('title').textContent = `reprint ${data.command}`;
  document.getElementById('summary').textContent =
    `${docs.length} articles shown, ${data.pairs.length} pairs, ${data.clusters.length} clusters · ${data.options}` +
    (data.archive ? ` · archive ${data.archive}` : '');
  for (const button of document.querySelectorAll('nav button')) {
    // A tab with nothing to show is hidden (an audit has no pairs list).
    const view = button.dataset.view;
    if (view === 'audit' ? !data.audit : view === 'clusters' ? !data.clusters.length : !data.pairs.length) {
      button.hidden = true;
    }
    button.addEventListener('click', () => { location.hash = button.dataset.view; });
  }
  for (const id of ['cluster-filter', 'cluster-min-size', 'cluster-from', 'cluster-to', 'cluster-min-containment']) {
    document.getElementById(id).addEventListener('input', showClusters);
  }
  for (const id of ['pair-filter', 'pair-min-containment']) document.getElementById(id).addEventListener('input', showPairs);
  showClusters();
  showPairs();
  if (data.audit) showAudit();
  window.addEventListener('hashchange', route);
  route();
  document.body.setAttribute('data-ready', 'true');
})();
