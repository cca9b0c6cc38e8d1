// Which term of the template's table of names a subject phrase names (longest name that ends it).
import type { TextTerm, TextTerms } from '../../profiles/text-terms';
import { norm } from '../../profiles/text';
import { ECONOMIC_KUAN } from '../../model/economic-kuan';
import { FUNCTIONAL_CLASSES } from '../../profiles/classes';

export interface Resolved {
  term?: TextTerm;
  /** an economic 款 named under 机关运行经费 / 公用经费 */
  economic?: string;
  /** a functional 类 named by its name */
  classCode?: string;
}

/** Words that may end a subject before its figure: '机关运行经费共计安排', '支出预算为'. */
const FILLER = /(的|为|是|共计|共|合计|总计|计|安排了|安排|预算支出|预算数|预算为|预算|类科目|科目|决算数|决算|金额|总额|数额|数|达到|达|约|拟|(?<=费)支出)$/;
/** What may stand before a generic name ('2021年收入', '本年支出', '巨鹿县医疗保障局收入预算'). */
const IGNORABLE = /^(本年度?|当年|全年|年度|本部门|本单位|我部门|我单位|我局|本局|我委|我院|我办|部门|单位|本级|全部|总|)$/;
const ORG_END = /(局|委员会|委|办公室|办公厅|办|院|厅|中心|站|所|街道|街道办事处|镇|乡|会|部|处|队|馆|校|园|社|公司|府|署|室)(本级|机关|本部)?$/;

export interface Resolver {
  resolve(subject: string, scope?: string): Resolved;
  byId(id: string): TextTerm | undefined;
}

export function resolver(table: TextTerms): Resolver {
  const names: { n: string; t: TextTerm }[] = [];
  for (const t of table.terms) for (const n of t.names) names.push({ n: norm(n), t });
  names.sort((a, b) => b.n.length - a.n.length);
  const ids = new Map(table.terms.map((t) => [t.id, t]));
  const econ: { n: string; code: string }[] = [];
  if (table.running) {
    for (const [code, k] of Object.entries(ECONOMIC_KUAN)) {
      // 公用经费 is basic spending but 人员经费 (301 工资福利, 303 对个人和家庭的补助): 302, 310, 399 其他支出 …
      if (code.startsWith('301') || code.startsWith('303')) continue;
      for (const n of [k.name, ...(k.aliases ?? [])]) econ.push({ n: norm(n), code });
      // '维修（护）费' is written 维修费 or 维护费; '因公出国（境）费用' 因公出国（境）费
      const short = norm(k.name).replace(/（[^）]*）/g, '');
      if (short !== norm(k.name)) econ.push({ n: short, code });
    }
    for (const [n, code] of Object.entries(table.running.synonyms)) econ.push({ n: norm(n), code });
    econ.sort((a, b) => b.n.length - a.n.length);
  }
  const classes = FUNCTIONAL_CLASSES.map((c) => ({ n: norm(c.name), code: c.code }));

  function termOf(s: string): TextTerm | undefined {
    for (let stage = s; stage; ) {
      for (const { n, t } of names) {
        if (!stage.endsWith(n)) continue;
        const prefix = stage.slice(0, stage.length - n.length);
        if (t.match === 'exact' && !IGNORABLE.test(prefix) && !ORG_END.test(prefix)) continue;
        return t;
      }
      const next = stage.replace(FILLER, '');
      if (next === stage) break;
      stage = next;
    }
    return undefined;
  }

  function resolveName(s: string, scope: string | undefined): Resolved {
    if (scope === 'running') {
      // an item of 公用经费: its economic 款, unless it is one of the terms the scope reads (三公 items)
      const t = termOf(s);
      if (t?.scoped?.running) return { term: t };
      let stage = s;
      for (;;) {
        const hit = econ.find((e) => stage.endsWith(e.n));
        if (hit) return { economic: hit.code };
        const next = stage.replace(FILLER, '');
        if (next === stage) break;
        stage = next;
      }
    }
    const t = termOf(s);
    if (t) return { term: t };
    const stripped = s.replace(FILLER, '');
    const c = classes.find((x) => x.n === s || x.n === stripped);
    if (c) return { classCode: c.code };
    return {};
  }

  return {
    byId: (id) => ids.get(id),
    resolve(subject, scope) {
      const s = norm(subject);
      if (!s) return {};
      const direct = resolveName(s, scope);
      if (direct.term || direct.economic || direct.classCode) return direct;
      // a remark in brackets after the name ('机关运行经费（一般公共预算基本支出中的公用经费）共计安排'), else
      // the name in the brackets ('公车运行费（“三公”经费）决算总额')
      let bare = s;
      for (let prev = ''; prev !== bare; ) {
        prev = bare;
        bare = bare.replace(FILLER, '').replace(/（[^（）]*）$/, '');
      }
      if (bare !== s && bare) {
        const r = resolveName(bare, scope);
        if (r.term || r.economic || r.classCode) return r;
      }
      const inner = /（([^（）]+)）[^（）]*$/.exec(s);
      if (inner) {
        const r = resolveName(inner[1], scope);
        if (r.term) return r;
      }
      return {};
    },
  };
}
