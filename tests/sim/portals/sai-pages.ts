import { escapeHtml } from './http';

/** SAI's pages: plain HTML with small inline scripts that behave like the Angular app. */

const STYLE = `
[hidden]{display:none !important}
body{font-family:Arial,sans-serif;margin:0;background:#f4f4f4}
header{background:#13322b;color:#fff;display:flex;align-items:center;gap:24px;padding:8px 16px}
.menu-item{position:relative;cursor:pointer;padding:8px}
.submenu{display:none;position:absolute;top:100%;left:0;background:#fff;min-width:160px;box-shadow:0 2px 6px #0004;z-index:5}
.menu-item:hover .submenu{display:block}
.submenu a{display:block;color:#13322b;padding:8px 12px;text-decoration:none}
main{padding:16px}
form.filtros{position:relative;background:#fff;padding:16px;width:640px}
.row{display:flex;gap:12px;align-items:center;margin-bottom:12px}
.datepicker{position:absolute;top:60px;left:0;width:100%;height:230px;background:#fff;border:1px solid #888;z-index:10;box-shadow:0 4px 10px #0005}
.datepicker table{margin:8px auto}
.datepicker button{width:34px}
.modal{position:fixed;inset:0;background:#0006;display:flex;align-items:center;justify-content:center;z-index:20}
.modal>div{background:#fff;padding:24px}
table.resultados{border-collapse:collapse;background:#fff;font-size:12px;margin-top:12px}
table.resultados td,table.resultados th{border:1px solid #ccc;padding:2px 6px;white-space:pre}
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}<script>${script}</script></body></html>`;
}

function header(user: string): string {
  return `<header id="encabezado"><strong>SAI</strong>
<nav id="menu" aria-label="Menú principal"><div class="menu-item" id="menuConsultas"><span>Consultas</span>
<div class="submenu"><a href="/app/altas">Altas</a><a href="/app/ordenes">Ordenes</a></div></div></nav>
<span id="usuarioActual">${escapeHtml(user)}</span><a href="/logout" style="color:#fff">Salir</a></header>`;
}

export function loginPage(captchaId: string, message = ''): string {
  const body = `<main><h1>Sistema de Abasto Institucional</h1>
<form id="loginForm" class="filtros">
<iframe id="captchaFrame" title="Captcha" src="/captcha?id=${captchaId}" data-captcha-id="${captchaId}" width="360" height="190"></iframe>
<p id="captchaEstado">Resuelva el captcha para continuar.</p>
<div class="row"><label for="usuario">Usuario</label><input id="usuario" name="usuario" autocomplete="username"></div>
<div class="row"><label for="password">Contraseña</label><input id="password" name="password" type="password" autocomplete="current-password"></div>
<button id="btnIngresar" type="submit" disabled>Iniciar sesión</button>
<div id="loginError" role="alert">${escapeHtml(message)}</div>
</form></main>`;
  const script = `
const frame = document.getElementById('captchaFrame');
const button = document.getElementById('btnIngresar');
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'captcha-ok' && e.data.id === frame.dataset.captchaId) {
    button.disabled = false;
    document.getElementById('captchaEstado').textContent = 'Captcha verificado.';
  }
});
document.getElementById('loginForm').addEventListener('submit', async (e) => {
  e.preventDefault();
  button.disabled = true;
  const r = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ usuario: document.getElementById('usuario').value,
      password: document.getElementById('password').value, captchaId: frame.dataset.captchaId }) });
  const data = await r.json();
  if (r.ok) { location.href = '/app'; return; }
  document.getElementById('loginError').textContent = data.error;
  document.getElementById('captchaEstado').textContent = 'Resuelva el captcha para continuar.';
  frame.dataset.captchaId = data.captchaId;
  frame.src = '/captcha?id=' + data.captchaId;
});`;
  return page('SAI - Iniciar sesión', body, script);
}

export function captchaPage(id: string, svg: string): string {
  const body = `<div id="captchaImagen">${svg}</div>
<label for="respuesta">Escriba el texto de la imagen</label> <input id="respuesta" autocomplete="off" size="8">
<button id="btnVerificar" type="button">Verificar</button><p id="resultado" role="status"></p>`;
  const script = `
document.getElementById('btnVerificar').addEventListener('click', async () => {
  const r = await fetch('/captcha/verify', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: ${JSON.stringify(id)}, respuesta: document.getElementById('respuesta').value }) });
  if (r.ok) {
    document.getElementById('resultado').textContent = 'Verificado';
    document.getElementById('respuesta').disabled = true;
    parent.postMessage({ type: 'captcha-ok', id: ${JSON.stringify(id)} }, '*');
  } else {
    document.getElementById('resultado').textContent = 'Texto incorrecto, intente de nuevo.';
  }
});`;
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"></head><body>${body}<script>${script}</script></body></html>`;
}

export function homePage(user: string): string {
  return page(
    'SAI - Inicio',
    `${header(user)}<main><h1>Bienvenido</h1><p>Seleccione un reporte en el menú Consultas.</p></main>`,
  );
}

export type SaiReport = 'altas' | 'ordenes';

const TITLES: Record<SaiReport, string> = { altas: 'Reporte de Altas', ordenes: 'Consulta de Órdenes' };

export function reportPage(report: SaiReport, user: string): string {
  const body = `${header(user)}<main><h1>${TITLES[report]}</h1>
<form class="filtros" id="filtros" autocomplete="off">
<div class="row"><label for="fechaInicial">Fecha inicial</label><input id="fechaInicial" placeholder="dd/mm/aaaa">
<label for="fechaFinal">Fecha final</label><input id="fechaFinal" placeholder="dd/mm/aaaa"></div>
<div class="row"><button id="btnConsultar" type="button">Consultar</button>
<button id="btnExportar" type="button" disabled>Exportar</button></div>
<div id="datepicker" class="datepicker" role="dialog" aria-label="Calendario" hidden></div>
</form>
<p id="mensaje" role="status"></p>
<p id="totalRegistros">Registros encontrados: <strong id="total">0</strong></p>
<table class="resultados" id="tablaResultados"></table></main>
<div class="modal" id="sesionExpirada" hidden><div><p>Su sesión ha expirado. Inicie sesión nuevamente.</p>
<button type="button" onclick="location.href='/login'">Aceptar</button></div></div>`;
  const script = `
const REPORT = ${JSON.stringify(report)};
// The Angular form model: only input/change events update it, never a bare value assignment.
const model = { desde: '', hasta: '' };
let lastQuery = null;
const picker = document.getElementById('datepicker');
const exportButton = document.getElementById('btnExportar');
const two = (n) => String(n).padStart(2, '0');
const MONTHS = ['enero','febrero','marzo','abril','mayo','junio','julio','agosto','septiembre','octubre','noviembre','diciembre'];
function parse(text) {
  const m = /^(\\d{2})\\/(\\d{2})\\/(\\d{4})$/.exec(text || '');
  return m ? new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1])) : null;
}
function renderPicker(input, key, year, month) {
  const first = new Date(year, month, 1).getDay();
  const days = new Date(year, month + 1, 0).getDate();
  let cells = '';
  for (let i = 0; i < first; i++) cells += '<td></td>';
  for (let d = 1; d <= days; d++) {
    cells += '<td><button type="button" data-day="' + d + '">' + d + '</button></td>';
    if ((first + d) % 7 === 0) cells += '</tr><tr>';
  }
  picker.innerHTML = '<div><button type="button" data-nav="-1" aria-label="Mes anterior">‹</button> <span>' +
    MONTHS[month] + ' ' + year + '</span> <button type="button" data-nav="1" aria-label="Mes siguiente">›</button></div>' +
    '<table><tr><th>D</th><th>L</th><th>M</th><th>M</th><th>J</th><th>V</th><th>S</th></tr><tr>' + cells + '</tr></table>';
  picker.onclick = (e) => {
    const t = e.target;
    if (t.dataset.nav) { const m = month + Number(t.dataset.nav); renderPicker(input, key, year + Math.floor(m / 12), (m + 12) % 12); }
    if (t.dataset.day) {
      input.value = two(t.dataset.day) + '/' + two(month + 1) + '/' + year;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      picker.hidden = true;
    }
  };
}
function bindDate(id, key) {
  const input = document.getElementById(id);
  const sync = () => { model[key] = input.value.trim(); };
  input.addEventListener('input', sync);
  input.addEventListener('change', sync);
  input.addEventListener('focus', () => {
    const shown = parse(input.value) || new Date();
    renderPicker(input, key, shown.getFullYear(), shown.getMonth());
    picker.hidden = false;
  });
}
bindDate('fechaInicial', 'desde');
bindDate('fechaFinal', 'hasta');
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') picker.hidden = true; });
const message = (text) => { document.getElementById('mensaje').textContent = text; };
const expired = () => {
  document.getElementById('sesionExpirada').hidden = false;
  setTimeout(() => { location.href = '/login'; }, 3000);
};
function renderTable(columns, rows) {
  const esc = (v) => String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
  document.getElementById('tablaResultados').innerHTML =
    '<tr>' + columns.map((c) => '<th>' + esc(c) + '</th>').join('') + '</tr>' +
    rows.map((r) => '<tr>' + r.map((v) => '<td>' + esc(v) + '</td>').join('') + '</tr>').join('');
}
document.getElementById('btnConsultar').addEventListener('click', async () => {
  message('');
  if (!model.desde || !model.hasta) { message('Capture la fecha inicial y la fecha final.'); return; }
  exportButton.disabled = true;
  const r = await fetch('/api/' + REPORT + '?desde=' + encodeURIComponent(model.desde) + '&hasta=' + encodeURIComponent(model.hasta));
  if (r.status === 401) return expired();
  const data = await r.json();
  if (!r.ok) { message(data.error); return; }
  document.getElementById('total').textContent = String(data.total);
  renderTable(data.columns, data.rows);
  if (data.total === 0) message('No se encontraron registros.');
  lastQuery = { desde: model.desde, hasta: model.hasta };
  exportButton.disabled = data.total === 0;
});
exportButton.addEventListener('click', async () => {
  exportButton.disabled = true;
  exportButton.textContent = 'Generando...';
  const r = await fetch('/api/' + REPORT + '/export', { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify(lastQuery) });
  if (r.status === 401) return expired();
  const { job } = await r.json();
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 300));
    const s = await fetch('/api/export/' + job);
    if (s.status === 401) return expired();
    if ((await s.json()).ready) break;
  }
  const a = document.createElement('a');
  a.href = '/api/export/' + job + '/file';
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
  exportButton.textContent = 'Exportar';
  exportButton.disabled = false;
});`;
  return page(`SAI - ${TITLES[report]}`, body, script);
}
