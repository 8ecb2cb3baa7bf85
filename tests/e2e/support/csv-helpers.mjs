// Helpers for the CSV end-to-end tests: reading exported files, choosing a file to
// import, and decoding incidents from a database dump.

/** RFC 4180 reader for checking exported files: rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { /* CRLF: the \n ends the row */ }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Chooses a CSV file made of `text` in the import page's file input. */
export async function chooseCsv(page, text, name = 'incidents.csv') {
  await page.getByLabel('CSV file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
  });
}

/** Live incident documents of the database dump, decoded. */
export function incidentsOf(dump) {
  return dump.docs
    .map(([, value]) => JSON.parse(value))
    .filter((v) => typeof v._id === 'string' && v._id.startsWith('incident:') && !v.deleted)
    .map((v) => JSON.parse(v.body));
}

