(function(){
  document.documentElement.classList.remove('no-js');
  var form = document.getElementById('filters');
  if (!form) return;
  var each = function(list, f){ Array.prototype.forEach.call(list, f); };
  // looked up once: a report may hold thousands of notes
  var findings = document.querySelectorAll('.finding[data-rule]');
  var more = {};
  each(document.querySelectorAll('tr.note-more'), function(m){
    var k = m.getAttribute('data-note');
    (more[k] = more[k] || []).push(m);
  });
  var notes = [];
  each(document.querySelectorAll('tr.note'), function(tr){
    notes.push({ tr: tr, fs: tr.querySelectorAll('li.finding'), more: more[tr.id] || [] });
  });
  function checked(name){
    var on = {};
    each(form.querySelectorAll('input[name="' + name + '"]'), function(i){ on[i.value] = i.checked; });
    return on;
  }
  function apply(){
    var sev = checked('severity'), rule = checked('rule');
    var clean = form.querySelector('input[name="clean"]');
    var showClean = !clean || clean.checked;
    each(findings, function(f){
      // a story of several rules shows while one of its rules is on
      var rules = (f.getAttribute('data-rules') || f.getAttribute('data-rule')).split(' ');
      var ruleOn = rules.some(function(r){ return rule[r] !== false; });
      f.hidden = sev[f.getAttribute('data-severity')] === false || !ruleOn;
    });
    var shown = 0;
    notes.forEach(function(n){
      var show = !n.fs.length ? showClean : Array.prototype.some.call(n.fs, function(f){ return !f.hidden; });
      n.tr.hidden = !show;
      n.more.forEach(function(m){ m.hidden = !show; });
      if (show) shown++;
    });
    var out = document.getElementById('shown');
    if (out) out.textContent = shown + ' of ' + notes.length + ' notes shown';
  }
  // sorting: by note (the document's order), by severity (worst first), by rule
  var rank = { error: 0, warning: 1, info: 2, none: 3 };
  notes.forEach(function(n, i){ n.order = i; });
  function sort(){
    var by = form.querySelector('select[name="sort"]');
    by = by ? by.value : 'note';
    var key = function(n){
      if (by === 'severity') return [rank[n.tr.getAttribute('data-severity')] || 3, n.order];
      if (by === 'rule') {
        var r = (n.tr.getAttribute('data-rules') || '').split(' ')[0];
        return [r ? r : '\uffff', n.order];
      }
      return [n.order, 0];
    };
    var sorted = notes.slice().sort(function(a, b){
      var x = key(a), y = key(b);
      return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1];
    });
    sorted.forEach(function(n){
      var body = n.tr.parentNode;
      body.appendChild(n.tr);
      n.more.forEach(function(m){ body.appendChild(m); });
    });
  }
  form.addEventListener('change', function(e){
    if (e.target && e.target.name === 'sort') sort(); else apply();
  });
  each(form.querySelectorAll('button[data-set]'), function(b){
    b.addEventListener('click', function(){
      var on = b.getAttribute('data-set') === 'all';
      each(form.querySelectorAll('input[name="rule"]'), function(i){ i.checked = on; });
      apply();
    });
  });
  apply();
})();
