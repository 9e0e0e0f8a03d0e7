import EventEmitter2 from 'eventemitter2';
const e = new EventEmitter2({ wildcard: true, delimiter: '.', maxListeners: 0 });
const pats = ['a.*', 'a.**', '**', '*', 'a.*.c', '**.c', 'a.**.c', 'a'];
const names = ['a', 'a.b', 'a.b.c', 'a.b.c.d', 'x.c', 'a.c'];
for (const p of pats) e.on(p, function (this: any) { console.log(p.padEnd(8), '<-', this.event); });
for (const n of names) { console.log('emit', n); e.emit(n, {}); }
