# independent cross-table recomputation for the Shanghai nine-table layout of a spec
import sys, re
from decimal import Decimal as D
def num(s):
    s=(s or '').strip()
    if re.fullmatch(r'-?[\d,]+(\.\d+)?', s): return D(s.replace(',',''))
    return D(0)
for path in sys.argv[1:]:
    sheets={}; cur=None
    for line in open(path, encoding='utf8'):
        line=line.rstrip('\n')
        if line.startswith('sheet:'): cur=[]; sheets[int(line[6:].split()[0])]=cur
        elif line.startswith('row:'): cur.append(line[4:].lstrip().split('|'))
    bad=[]
    def eq(a,b,what):
        if a!=b: bad.append(f'{what}: {a} != {b}')
    t1=sheets[1]
    inc={r[0]:num(r[1]) for r in t1 if r[0]}; exp={r[2]:num(r[3]) for r in t1 if len(r)>2 and r[2]}
    inc_tot=inc.pop('收入总计'); exp_tot=exp.pop('支出总计')
    eq(inc_tot, exp_tot, 'T1 收入总计 vs 支出总计')
    fin=[v for k,v in inc.items() if '财政拨款收入' in k][0]
    eq(fin, sum(v for k,v in inc.items() if re.match(r'^\d\.',k)), 'T1 财政拨款收入 vs 1+2+3')
    eq(inc_tot, sum(v for k,v in inc.items() if re.match(r'^[一二三四]、',k)), 'T1 收入总计 vs 一..四')
    eq(exp_tot, sum(exp.values()), 'T1 支出总计 vs 类')
    def tree(n, ncode):
        rows=sheets[n]; out={}
        for r in rows:
            if r[0]=='合计': out['TOTAL']=[num(x) for x in r[ncode+1:]]
            elif len(r[0])==3 and all(not x for x in r[1:ncode]): out[r[ncode]]=[num(x) for x in r[ncode+1:]]
        return out
    t2=tree(2,3); t3=tree(3,3); t5=tree(5,3); t6=tree(6,3); t8=tree(8,2)
    eq(t2['TOTAL'][0], inc_tot, 'T2 合计 vs T1 收入总计'); eq(t3['TOTAL'][0], exp_tot, 'T3 合计 vs T1 支出总计')
    for k,v in exp.items():
        name=re.sub(r'^[一二三四五六七八九十]+、','',k)
        eq(t3.get(name,[D(0)])[0], v, f'T3 {name} vs T1'); eq(t2.get(name,[D(0)])[0], v, f'T2 {name} vs T1')
    t4=sheets[4]
    t4inc={r[0]:num(r[1]) for r in t4 if r[0]}; t4tot=t4inc.pop('收入总计')
    eq(t4tot, sum(t4inc.values()), 'T4 收入总计 vs 一二三')
    gen=[v for k,v in t4inc.items() if '一般公共预算' in k][0]; fund=[v for k,v in t4inc.items() if '政府性基金' in k][0]
    eq(gen, [v for k,v in inc.items() if k.startswith('1.')][0], 'T4 一般公共预算 vs T1 1.')
    tot=[r for r in t4 if r[2]=='支出总计'][0]
    eq(num(tot[3]), t4tot, 'T4 支出总计 vs 收入总计')
    for j in (3,4,5,6): eq(num(tot[j]), sum(num(r[j]) for r in t4 if r[2] and r[2]!='支出总计'), f'T4 支出总计 col{j}')
    for r in t4:
        if r[2] and r[2]!='支出总计':
            eq(num(r[3]), num(r[4])+num(r[5])+num(r[6]), f'T4 {r[2]} 合计 vs parts')
            name=re.sub(r'^[一二三四五六七八九十]+、','',r[2])
            eq(num(r[4]), t5.get(name,[D(0)])[0], f'T4 {name} 一般 vs T5'); eq(num(r[5]), t6.get(name,[D(0)])[0], f'T4 {name} 基金 vs T6')
    eq(num(tot[4]), t5['TOTAL'][0], 'T4 一般 total vs T5 合计'); eq(gen, t5['TOTAL'][0], 'T4 一般 income vs T5')
    eq(fund, t6.get('TOTAL',[D(0)])[0], 'T4 基金 income vs T6')
    eq(t8['TOTAL'][0], t5['TOTAL'][1], 'T8 合计 vs T5 基本')
    if fund==0: eq(t8['TOTAL'][0], t3['TOTAL'][1], 'T8 合计 vs T3 基本')
    t9=[num(x) for x in sheets[9][0]]
    eq(t9[0], t9[1]+t9[2]+t9[3], 'T9 合计'); eq(t9[3], t9[4]+t9[5], 'T9 小计')
    econ={r[0]+r[1]:[num(x) for x in r[3:]] for r in sheets[8] if r[0]!='合计'}
    wan=lambda c: (econ.get(c,[D(0)])[0]/10000).quantize(D('0.01'))
    eq(t9[2], wan('30217'), 'T9 接待 vs T8 30217'); eq(t9[5], wan('30231'), 'T9 运行 vs T8 30231')
    pub=t8['TOTAL'][2]/10000
    if t9[6] > pub: bad.append(f'T9 机关运行经费 {t9[6]} > T8 公用经费 {pub}')
    print('==', path.split('/')[-1], 'cross-table:', 'all hold' if not bad else bad)
