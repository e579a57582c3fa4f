import type { ColumnKind } from '../../shared/api';
import { xmlText } from './xml-text';

/** Excel formats per column kind: pesos with two decimals, real dates, ids kept as text ('@'). */
const FORMATS: Record<ColumnKind, string | null> = {
  money: '"$"#,##0.00;-"$"#,##0.00',
  number: '#,##0.####',
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
  boolean: null,
  text: '@',
};

const KINDS = Object.keys(FORMATS) as ColumnKind[];
/** Excel's built-in id for the text format '@'; custom formats are numbered from 164. */
const TEXT_FORMAT_ID = 49;
const FIRST_CUSTOM_FORMAT_ID = 164;

/** Cell style indexes: 0 is Excel's default, 1 the bold header, then one per column kind. */
export const HEADER_STYLE = 1;
export const KIND_STYLE = Object.fromEntries(KINDS.map((kind, index) => [kind, index + 2])) as Record<
  ColumnKind,
  number
>;

function formatIds(): Map<ColumnKind, number> {
  const ids = new Map<ColumnKind, number>();
  let next = FIRST_CUSTOM_FORMAT_ID;
  for (const kind of KINDS) {
    const code = FORMATS[kind];
    if (code === null) ids.set(kind, 0);
    else ids.set(kind, code === '@' ? TEXT_FORMAT_ID : next++);
  }
  return ids;
}

/** xl/styles.xml: the header's bold font and one cell format per column kind, nothing per cell. */
export function stylesXml(): string {
  const ids = formatIds();
  const custom = KINDS.filter((kind) => (ids.get(kind) ?? 0) >= FIRST_CUSTOM_FORMAT_ID).map(
    (kind) => `<numFmt numFmtId="${ids.get(kind)}" formatCode="${xmlText(FORMATS[kind] ?? '')}"/>`,
  );
  const xf = (numFmtId: number, fontId = 0) =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}/>`;
  const cellXfs = [xf(0), xf(0, 1), ...KINDS.map((kind) => xf(ids.get(kind) ?? 0))];
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="${custom.length}">${custom.join('')}</numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>`;
}
