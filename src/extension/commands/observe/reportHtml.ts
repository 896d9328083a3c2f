// Renders the Markdown our reports are written in (headings, paragraphs, tables, lists, fenced
// blocks, `code`, **bold**, _italic_, <br> in table cells) to HTML for the report panel. Only that
// subset: the reports are generated here, so a full Markdown engine (and its HTML pass-through) is
// not needed. Everything from the cluster is escaped; no raw HTML gets through.
// Code spans and fenced blocks carry data-copy, so the panel can give them Copy buttons.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Inline Markdown of one line or table cell → HTML. */
export function inlineHtml(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const tick = /^`+/.exec(text.slice(i));
    if (tick) {
      const close = text.indexOf(tick[0], i + tick[0].length);
      if (close > 0) {
        const code = text.slice(i + tick[0].length, close).trim();
        out += `<code class="copyable" data-copy="${escapeHtml(code)}">${escapeHtml(code)}</code>`;
        i = close + tick[0].length;
        continue;
      }
    }
    const next = text.slice(i).search(/`/);
    const chunk = next < 0 ? text.slice(i) : text.slice(i, i + Math.max(next, 1));
    out += emphasis(chunk);
    i += chunk.length;
  }
  return out;
}

function emphasis(text: string): string {
  return escapeHtml(text.replace(/\\\|/g, '|'))
    .replace(/&lt;br&gt;/g, '<br>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,:;])/g, '$1<em>$2</em>');
}

/** Splits a table row on unescaped pipes. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (inner[i] === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += inner[i];
  }
  out.push(cur.trim());
  return out;
}

const isTableRow = (l: string): boolean => l.trim().startsWith('|');
const isSeparator = (l: string): boolean => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l);

/** Markdown (our reports' subset) → HTML body. */
export function reportHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) out.push(`<p>${para.map(inlineHtml).join('<br>')}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^(`{3,})\s*\w*\s*$/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && (lines[i] ?? '') !== fence[1]; i++) body.push(lines[i] ?? '');
      const text = body.join('\n');
      out.push(
        `<div class="block"><button class="copy" data-copy="${escapeHtml(text)}"></button><pre><code>${escapeHtml(text)}</code></pre></div>`,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const n = heading[1]?.length ?? 1;
      out.push(`<h${n}>${inlineHtml(heading[2] ?? '')}</h${n}>`);
      continue;
    }
    if (isTableRow(line) && isSeparator(lines[i + 1] ?? '')) {
      flush();
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && isTableRow(lines[i] ?? ''); i++) rows.push(cells(lines[i] ?? ''));
      i--;
      out.push(
        // A key/value table has an empty header row in Markdown; drawn, it is an empty bar.
        '<table>' +
          (head.some((h) => h !== '')
            ? '<thead><tr>' + head.map((h) => `<th>${inlineHtml(h)}</th>`).join('') + '</tr></thead>'
            : '') +
          '<tbody>' +
          rows.map((r) => '<tr>' + r.map((c) => `<td>${inlineHtml(c)}</td>`).join('') + '</tr>').join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      flush();
      const items: string[] = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i] ?? ''); i++) items.push((lines[i] ?? '').replace(/^\s*[-*]\s+/, ''));
      i--;
      out.push('<ul>' + items.map((x) => `<li>${inlineHtml(x)}</li>`).join('') + '</ul>');
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  return out.join('\n');
}
