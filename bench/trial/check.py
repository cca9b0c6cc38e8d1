# independent recomputation of the printed figures of a spec: tree sums, row sums (合计 = parts), 合计 rows
import sys, re
from decimal import Decimal as D
def num(s):
    s=s.strip()
    if not s: return D(0)
    if re.fullmatch(r'-?[\d,]+(\.\d+)?', s): return D(s.replace(',',''))
    return None
for path in sys.argv[1:]:
    sheets=[]; cur=None
    for line in open(path, encoding='utf8'):
        line=line.rstrip('\n')
        if line.startswith('sheet:'): cur={'name':line[6:].strip(),'rows':[],'text':set()}; sheets.append(cur)
        elif line.startswith('text:'): cur['text']={int(x)-1 for x in line[5:].split(',')}
        elif line.startswith('row:'): cur['rows'].append(line[4:].lstrip().split('|'))
    print('==', path)
    for s in sheets:
        rows=s['rows']; tc=s['text']
        if not tc:  # T1 / T4 / 三公: report nothing here
            continue
        ncode=len(tc); namec=ncode
        amts=lambda r:[num(x) for x in r[namec+1:]]
        items=[]
        for r in rows:
            if r[0]=='合计': items.append(('TOTAL',r[0],[num(x) for x in r[namec+1:]],r)); continue
            code=''.join(r[:ncode]); items.append((code,r[namec],amts(r),r))
        # row sums: first amount = sum of the others (for 3-col tables), for income: 合计 = rest
        for code,name,a,r in items:
            if len(a)>=3 and a[0] is not None and all(x is not None for x in a) and a[0]!=sum(a[1:]):
                print(f'  {s["name"]}: row {code} {name}: 合计 {a[0]} != parts {sum(a[1:])}')
        # tree sums
        codes=[i for i in items if i[0]!='TOTAL']
        for code,name,a,r in codes:
            kids=[i for i in codes if len(i[0])==len(code)+(2 if len(code)>=3 else 0) and i[0].startswith(code) and i[0]!=code]
            if not kids: continue
            for k in range(len(a)):
                ssum=sum(i[2][k] for i in kids)
                if ssum!=a[k]: print(f'  {s["name"]}: {code} {name} col{k}: printed {a[k]} != children {ssum}')
        tot=[i for i in items if i[0]=='TOTAL']
        if tot:
            a=tot[0][2]; top=[i for i in codes if len(i[0])==3]
            for k in range(len(a)):
                ssum=sum(i[2][k] for i in top)
                if ssum!=a[k]: print(f'  {s["name"]}: 合计 col{k}: printed {a[k]} != 类 sum {ssum}')
