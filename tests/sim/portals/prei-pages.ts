import { PREI_COLUMNS } from '../files/prei-export';
import { escapeHtml } from './http';

/** PREI's pages: JSF/PrimeFaces look and behaviour (ids with colons, ajax overlay, masked dates). */

const STYLE = `
[hidden]{display:none !important}
body{font-family:Verdana,sans-serif;font-size:13px;margin:0}
.ui-widget-overlay{position:fixed;inset:0;background:#0007;z-index:50}
.ui-dialog{position:fixed;top:80px;left:50%;transform:translateX(-50%);width:480px;background:#fff;z-index:51;padding:16px;border:1px solid #555}
#menubar{display:flex;gap:4px;list-style:none;margin:0;padding:6px;background:#235}
#menubar>li{position:relative}
#menubar a{color:#fff;padding:6px 12px;display:block;text-decoration:none;cursor:pointer}
.ui-menu-child{position:absolute;top:100%;left:0;list-style:none;margin:0;padding:0;background:#346;min-width:180px;z-index:5}
main{padding:16px}
.campo{margin:8px 0}
.ui-messages-warn{background:#fff4c2;border:1px solid #c9a700;padding:8px;margin:8px 0}
.ui-messages-error{background:#fdd;border:1px solid #c00;padding:8px;margin:8px 0}
#ajaxStatus{position:fixed;inset:0;background:#fff8;display:flex;align-items:center;justify-content:center;z-index:60;font-size:18px}
table.ui-datatable{border-collapse:collapse;margin-top:8px}
table.ui-datatable td,table.ui-datatable th{border:1px solid #aaa;padding:2px 6px}
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}<script>${script}</script></body></html>`;
}

export function loginPage(message: string): string {
  const error = message ? `<div class="ui-messages-error" role="alert">${escapeHtml(message)}</div>` : '';
  const body = `<div class="ui-widget-overlay" id="dlgAviso_modal"></div>
<div class="ui-dialog" id="dlgAviso" role="dialog" aria-modal="true" aria-labelledby="dlgAvisoTitulo">
<h2 id="dlgAvisoTitulo">Aviso importante</h2>
<p>Se informa a los proveedores que la carga de facturas del ejercicio vigente se realiza únicamente en días hábiles.</p>
<button type="button" id="dlgAviso:btnCerrar">Cerrar</button></div>
<main><h1>Portal de Registro y Entrega de Información (PREI)</h1>${error}
<form id="frmLogin" method="post" action="/PREI/login.jsf">
<div class="campo"><label for="frmLogin:usuario">Usuario</label> <input id="frmLogin:usuario" name="frmLogin:usuario" autocomplete="username"></div>
<div class="campo"><label for="frmLogin:password">Contraseña</label> <input id="frmLogin:password" name="frmLogin:password" type="password" autocomplete="current-password"></div>
<button type="submit" id="frmLogin:btnIngresar">Ingresar</button></form></main>`;
  const script = `
document.getElementById('dlgAviso:btnCerrar').addEventListener('click', () => {
  document.getElementById('dlgAviso').remove();
  document.getElementById('dlgAviso_modal').remove();
});`;
  return page('PREI - Acceso', body, script);
}

function menubar(user: string): string {
  return `<nav><ul id="menubar" role="menubar">
<li id="mnuProveedores"><a role="menuitem">Proveedores</a><ul class="ui-menu-child" hidden><li><a role="menuitem" href="/PREI/inicio.jsf">Datos generales</a></li></ul></li>
<li id="mnuPagos"><a role="menuitem">Pagos</a><ul class="ui-menu-child" hidden><li><a role="menuitem" href="/PREI/pagos/facturasVsCR.jsf">Facturas vs CR</a></li></ul></li>
<li><a role="menuitem" href="/PREI/logout">Salir</a></li></ul></nav>
<div id="usuarioSesion" style="padding:4px 16px">Usuario: ${escapeHtml(user)}</div>`;
}

const MENU_SCRIPT = `
for (const item of document.querySelectorAll('#menubar>li')) {
  const child = item.querySelector('.ui-menu-child');
  if (!child) continue;
  item.firstElementChild.addEventListener('click', () => { child.hidden = false; });
  item.addEventListener('mouseenter', () => { child.hidden = false; });
  item.addEventListener('mouseleave', () => { child.hidden = true; });
}`;

export function homePage(user: string): string {
  return page('PREI - Inicio', `${menubar(user)}<main><h1>Bienvenido</h1></main>`, MENU_SCRIPT);
}

export function facturasPage(user: string): string {
  const headers = PREI_COLUMNS.map((c) => `<th>${c}</th>`).join('');
  const body = `${menubar(user)}<main><h1>Facturas vs Contra Recibo</h1>
<form id="frmConsulta" onsubmit="return false">
<div class="campo"><label for="frmConsulta:fechaIni">Fecha inicial</label> <input id="frmConsulta:fechaIni" class="mascara" placeholder="__/__/____"></div>
<div class="campo"><label for="frmConsulta:fechaFin">Fecha final</label> <input id="frmConsulta:fechaFin" class="mascara" placeholder="__/__/____"></div>
<button type="button" id="frmConsulta:btnBuscar">Buscar</button>
<div id="frmConsulta:mensajes"></div>
<div id="frmConsulta:resultados" hidden>
<a id="frmConsulta:lnkExcel" href="/PREI/pagos/exportar" title="Exportar a Excel" aria-label="Exportar a Excel"><svg width="24" height="24" aria-hidden="true"><rect width="24" height="24" fill="#1d6f42"/><text x="5" y="17" fill="#fff" font-size="14">X</text></svg></a>
<table class="ui-datatable" id="frmConsulta:tblDocumentos"><thead><tr>${headers}</tr></thead><tbody></tbody></table></div>
</form></main>
<div id="ajaxStatus" hidden>Procesando...</div>`;
  const script = `${MENU_SCRIPT}
const MASK = '__/__/____';
function applyMask(input) {
  const digits = input.value.replace(/\\D/g, '').slice(0, 8);
  let out = '';
  let used = 0;
  for (const ch of MASK) {
    if (ch === '_' && used < digits.length) { out += digits[used]; used += 1; } else out += ch;
  }
  input.value = out;
  const caret = used === 0 ? 0 : used + (used > 4 ? 2 : used > 2 ? 1 : 0);
  input.setSelectionRange(caret, caret);
}
for (const input of document.querySelectorAll('input.mascara')) {
  input.addEventListener('focus', () => { if (!input.value) { input.value = MASK; input.setSelectionRange(0, 0); } });
  input.addEventListener('input', () => applyMask(input));
  input.addEventListener('blur', () => { if (!/\\d/.test(input.value)) input.value = ''; });
}
const $ = (id) => document.getElementById(id);
document.getElementById('frmConsulta:btnBuscar').addEventListener('click', async () => {
  $('frmConsulta:mensajes').innerHTML = '';
  $('frmConsulta:resultados').hidden = true;
  $('ajaxStatus').hidden = false;
  const body = new URLSearchParams({ fechaIni: $('frmConsulta:fechaIni').value, fechaFin: $('frmConsulta:fechaFin').value });
  const r = await fetch('/PREI/pagos/buscar', { method: 'POST', body });
  $('ajaxStatus').hidden = true;
  if (r.status === 401) { location.href = '/PREI/login.jsf?expirada=1'; return; }
  const data = await r.json();
  const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (data.mensaje) {
    $('frmConsulta:mensajes').innerHTML = '<div class="' + (data.outcome === 'error' ? 'ui-messages-error' : 'ui-messages-warn') +
      '" role="alert">' + esc(data.mensaje) + '</div>';
  }
  if (data.outcome !== 'rows' && data.outcome !== 'none') return;
  const tbody = $('frmConsulta:tblDocumentos').querySelector('tbody');
  tbody.innerHTML = data.outcome === 'none'
    ? '<tr><td colspan="8" class="ui-datatable-empty-message">No se encontraron resultados.</td></tr>'
    : data.rows.map((r) => '<tr>' + r.map((v) => '<td>' + esc(v) + '</td>').join('') + '</tr>').join('');
  $('frmConsulta:lnkExcel').hidden = data.outcome === 'none';
  $('frmConsulta:resultados').hidden = false;
});`;
  return page('PREI - Facturas vs CR', body, script);
}
