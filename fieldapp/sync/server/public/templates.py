"""The public form's HTML, CSS and script, as Jinja2 templates (autoescaped).

Kept as Python strings (a DictLoader) so the server needs no data files. Everything a
citizen wrote, and every word of the operation's page, goes through Jinja2's
autoescape; the script reads its few values from data- attributes, never from text
pasted into it. No external script, font, style or tile: the page, its one inline style
and one inline script (allowed by a per-page CSP nonce) and the tiles of the tap-map
come from this server. Definitions only: any thread.
"""

# ruff: noqa: E501 - HTML, CSS and script lines are kept whole
from __future__ import annotations

STYLE = """
*{box-sizing:border-box}body{margin:0 auto;max-width:40rem;padding:.75rem;font:1rem/1.45
system-ui,sans-serif;color:#111;background:#fff}h1{font-size:1.35rem;margin:.2rem 0 .5rem}
.ex{background:#b00;color:#fff;font-weight:700;padding:.4rem;text-align:center}
.danger{background:#fff3cd;border-left:4px solid #b58100;padding:.5rem}
.field,fieldset{margin:0 0 1rem;border:0;padding:0}legend,label.top{display:block;font-weight:600;
margin-bottom:.25rem;padding:0}textarea,input[type=text],input[type=tel],input[type=file]{width:100%;
font:inherit;padding:.55rem;border:1px solid #666;border-radius:4px}textarea{min-height:7rem}
.hint{color:#444;font-size:.9rem;margin:.2rem 0}.err{color:#a00;font-weight:600;margin:.2rem 0}
.bad{border-color:#a00!important;border-width:2px!important}.choice{display:block;padding:.35rem 0}
input[type=radio],input[type=checkbox]{width:1.3rem;height:1.3rem;vertical-align:middle;margin-right:.4rem}
button{font:inherit;padding:.7rem 1.2rem;border-radius:4px;border:1px solid #124;background:#fff}
button.send{background:#124a8a;color:#fff;width:100%;font-weight:700}
.summary{border:2px solid #a00;padding:.5rem;margin-bottom:1rem}.hp{position:absolute;left:-9999px}
.receipt{font-size:2rem;font-weight:700;letter-spacing:.1em}footer{color:#444;font-size:.9rem;
border-top:1px solid #ccc;margin-top:1.5rem;padding-top:.5rem}a{color:#124a8a}
#map{position:relative;width:288px;height:288px;overflow:hidden;border:1px solid #666;touch-action:manipulation}
#map img{position:absolute;width:256px;height:256px}#dot{position:absolute;width:14px;height:14px;
margin:-7px 0 0 -7px;border-radius:50%;background:#d00;border:2px solid #fff;display:none}
:focus{outline:3px solid #f90;outline-offset:1px}
"""

SCRIPT = r"""
(function(){var f=document.getElementById('form');if(!f)return;
var lat=document.getElementById('lat'),lon=document.getElementById('lon'),st=document.getElementById('where-status');
function set(a,b,msg){lat.value=a===null?'':a.toFixed(6);lon.value=b===null?'':b.toFixed(6);st.textContent=msg||''}
var g=document.getElementById('locate');
if(navigator.geolocation&&g){g.hidden=false;g.onclick=function(){st.textContent=g.dataset.wait;
navigator.geolocation.getCurrentPosition(function(p){set(p.coords.latitude,p.coords.longitude,g.dataset.done)},
function(){st.textContent=g.dataset.fail},{enableHighAccuracy:true,timeout:20000,maximumAge:60000})}}
var pl=document.getElementById('place'),dl=document.getElementById('places'),found={},t=null;
if(pl&&window.fetch){pl.addEventListener('input',function(){var q=pl.value.trim();
if(found[q]){set(found[q][0],found[q][1],'');return}clearTimeout(t);if(q.length<2)return;
t=setTimeout(function(){fetch(f.dataset.places+'?q='+encodeURIComponent(q)).then(function(r){return r.json()})
.then(function(list){dl.textContent='';list.forEach(function(p){found[p.label]=[p.lat,p.lon];
var o=document.createElement('option');o.value=p.label;dl.appendChild(o)})}).catch(function(){})},250)})}
var m=document.getElementById('map');if(!m)return;m.hidden=false;
var z=+m.dataset.z,zmin=+m.dataset.zmin,zmax=+m.dataset.zmax,cx,cy,dot=document.getElementById('dot'),mk=null;
function W(){return 256*Math.pow(2,z)}
function px(a,b){var s=Math.sin(a*Math.PI/180);return[(b+180)/360*W(),(0.5-Math.log((1+s)/(1-s))/(4*Math.PI))*W()]}
function ll(x,y){var n=Math.PI-2*Math.PI*y/W();return[180/Math.PI*Math.atan(Math.sinh(n)),x/W()*360-180]}
function draw(){[].slice.call(m.querySelectorAll('img')).forEach(function(i){m.removeChild(i)});
var n=Math.pow(2,z),x0=Math.floor((cx-144)/256),y0=Math.floor((cy-144)/256);
for(var x=x0;x<=Math.floor((cx+144)/256);x++)for(var y=y0;y<=Math.floor((cy+144)/256);y++){
if(y<0||y>=n)continue;var i=document.createElement('img');i.alt='';
i.src=m.dataset.tiles+'/'+z+'/'+(((x%n)+n)%n)+'/'+y;i.style.left=(x*256-cx+144)+'px';i.style.top=(y*256-cy+144)+'px';m.insertBefore(i,dot)}
if(mk){var p=px(mk[0],mk[1]);dot.style.left=(p[0]-cx+144)+'px';dot.style.top=(p[1]-cy+144)+'px';dot.style.display='block'}}
var c=px(+m.dataset.lat,+m.dataset.lon);cx=c[0];cy=c[1];draw();
m.addEventListener('click',function(e){var r=m.getBoundingClientRect();var p=ll(cx-144+e.clientX-r.left,cy-144+e.clientY-r.top);
mk=p;set(p[0],p[1],m.dataset.done);draw()});
function zoom(d){var k=mk||ll(cx,cy);z=Math.max(zmin,Math.min(zmax,z+d));var p=px(k[0],k[1]);cx=p[0];cy=p[1];draw()}
document.getElementById('zin').onclick=function(){zoom(1)};document.getElementById('zout').onclick=function(){zoom(-1)};
document.getElementById('mapbox').hidden=false})();
"""

BASE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ page_title }}</title><style nonce="{{ nonce }}">{{ style }}</style></head>
<body>{% if exercise %}<p class="ex">{{ w.exercise }}</p>{% endif %}
{% block main %}{% endblock %}
</body></html>"""

FORM = """{% extends "base" %}{% block main %}
<header><h1>{{ op.title }}</h1>{% for line in op.text.splitlines() if line.strip() %}<p>{{ line }}</p>{% endfor %}
{% if other %}<p><a href="{{ path }}?lang={{ other }}" hreflang="{{ other }}" lang="{{ other }}">{{ w.other_language }}</a></p>{% endif %}
</header>
<p class="danger" role="note">{{ w.danger }}</p>
{% if errors %}<div class="summary" role="alert" tabindex="-1" id="summary"><p>{{ w.errors }}</p><ul>
{% for name, code in errors.items() %}<li><a href="#{{ anchors.get(name, name) }}">{{ labels.get(name, name) }}</a></li>{% endfor %}</ul></div>{% endif %}
<form id="form" method="post" action="{{ path }}?lang={{ lang }}" enctype="multipart/form-data" novalidate
 data-places="{{ path }}/places">
<input type="hidden" name="token" value="{{ token }}"><input type="hidden" name="lang" value="{{ lang }}">
<div class="field"><label class="top" for="text">{{ w.text }}</label>
<p class="hint" id="text-hint">{{ w.text_hint }}</p>
<textarea id="text" name="text" maxlength="2000" required aria-describedby="text-hint{{ ' text-err' if errors.text }}"
{% if errors.text %} class="bad" aria-invalid="true"{% endif %}>{{ values.text }}</textarea>
{% if errors.text %}<p class="err" id="text-err">{{ w["err_" + errors.text] }}</p>{% endif %}</div>
<fieldset id="kind-set"{% if errors.kind %} aria-describedby="kind-err"{% endif %}><legend>{{ w.kind }}</legend>
{% if errors.kind %}<p class="err" id="kind-err">{{ w["err_" + errors.kind] }}</p>{% endif %}
{% for k in kinds %}<label class="choice"><input type="radio" name="kind" value="{{ k }}"{% if values.kind == k %} checked{% endif %}{% if loop.first %} id="kind"{% endif %}> {{ w["kind_" + k] }}</label>{% endfor %}
</fieldset>
<fieldset id="where-set"><legend>{{ w.where }}</legend>
{% for name in ("where", "position") if errors[name] %}<p class="err" id="{{ name }}-err">{{ w["err_" + errors[name]] }}</p>{% endfor %}
<label class="top" for="place">{{ w.place }}</label>
<input type="text" id="place" name="place" list="places" maxlength="200" autocomplete="off" value="{{ values.place }}"
{% if errors.place or errors.where %} class="bad" aria-invalid="true" aria-describedby="{{ 'where-err' if errors.where else 'place-err' }}"{% endif %}>
{% if errors.place %}<p class="err" id="place-err">{{ w["err_" + errors.place] }}</p>{% endif %}
<datalist id="places"></datalist>
<input type="hidden" id="lat" name="lat" value="{{ values.lat }}"><input type="hidden" id="lon" name="lon" value="{{ values.lon }}">
<p><button type="button" id="locate" hidden data-wait="{{ w.locating }}" data-done="{{ w.located }}" data-fail="{{ w.not_located }}">{{ w.locate }}</button></p>
{% if map %}<div id="mapbox" hidden><p>{{ w.map }}</p>
<div id="map" hidden data-tiles="{{ path }}/tiles" data-z="{{ map.z }}" data-zmin="{{ map.zmin }}" data-zmax="{{ map.zmax }}"
 data-lat="{{ map.lat }}" data-lon="{{ map.lon }}" data-done="{{ w.tapped }}"><span id="dot"></span></div>
<p><button type="button" id="zout" aria-label="{{ w.zoom_out }}">−</button> <button type="button" id="zin" aria-label="{{ w.zoom_in }}">+</button></p></div>{% endif %}
<p id="where-status" class="hint" aria-live="polite"></p>
</fieldset>
<div class="field"><label class="top" for="photo">{{ w.photo }}</label>
<p class="hint" id="photo-hint">{{ w.photo_hint }}</p>
<input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp,image/gif"
 aria-describedby="photo-hint{{ ' photo-err' if errors.photo }}"{% if errors.photo %} class="bad" aria-invalid="true"{% endif %}>
{% if errors.photo %}<p class="err" id="photo-err">{{ w["err_" + errors.photo] }}</p>{% endif %}
<label class="choice"><input type="checkbox" name="photo_position" value="yes"{% if values.photo_position == "yes" %} checked{% endif %}> {{ w.photo_position }}</label></div>
<div class="field"><label class="top" for="contact">{{ w.contact }}</label>
<p class="hint" id="contact-hint">{{ w.contact_hint }}</p>
<input type="tel" id="contact" name="contact" autocomplete="tel" maxlength="30" value="{{ values.contact }}"
 aria-describedby="contact-hint{{ ' contact-err' if errors.contact }}"{% if errors.contact %} class="bad" aria-invalid="true"{% endif %}>
{% if errors.contact %}<p class="err" id="contact-err">{{ w["err_" + errors.contact] }}</p>{% endif %}</div>
<div class="hp" aria-hidden="true"><label for="homepage">{{ w.honeypot }}</label>
<input type="text" id="homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
<div class="field">{% if errors.consent %}<p class="err" id="consent-err">{{ w.err_consent }}</p>{% endif %}
<label class="choice"><input type="checkbox" id="consent" name="consent" value="yes" required{% if values.consent == "yes" %} checked{% endif %}
{% if errors.consent %} aria-describedby="consent-err" aria-invalid="true"{% endif %}> {{ w.consent }}</label></div>
<button type="submit" class="send">{{ w.send }}</button>
</form>
{{ footer }}
<script nonce="{{ nonce }}">{{ script }}</script>
{% endblock %}"""

FOOTER = """<footer><p>{{ who }}</p><p>{{ retention }}</p>{% if until %}<p>{{ until }}</p>{% endif %}</footer>"""

RECEIPT = """{% extends "base" %}{% block main %}
<h1>{{ w.thanks }}</h1><p>{{ w.receipt }}</p><p class="receipt" id="receipt">{{ receipt }}</p>
<p>{{ w.receipt_hint }}</p><p class="danger">{{ w.danger }}</p>
<p><a href="{{ path }}?lang={{ lang }}">{{ w.another }}</a></p>{{ footer }}
{% endblock %}"""

MESSAGE = """{% extends "base" %}{% block main %}
<h1>{{ heading }}</h1><p role="alert">{{ text }}</p>
{% if back %}<p><a href="{{ back }}">{{ w.back }}</a></p>{% endif %}{{ footer }}
{% endblock %}"""

TEMPLATES = {"base": BASE, "form": FORM, "footer": FOOTER, "receipt": RECEIPT, "message": MESSAGE}
