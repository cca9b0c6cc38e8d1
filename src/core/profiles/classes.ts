// The 科目 catalogues the templates list: functional 类 (2021+ and the earlier catalogue), economic 类,
// and how codes form the trees.
import type { ClassDef, TreeKind } from './types';

/** The 30 functional 类 of the 2021+ editions, in their fixed order (rows of T1 and T4). */
export const FUNCTIONAL_CLASSES: ClassDef[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '209', name: '社会保险基金支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

/** Names of the catalogue before 2019 that the 2021+ catalogue renamed, by code. */
export const EARLIER_CLASS_NAMES: Record<string, string> = {
  '207': '文化体育与传媒支出',
  '210': '医疗卫生与计划生育支出',
  '215': '资源勘探信息等支出',
  '220': '国土海洋气象等支出',
};

/** The 2021+ 类 that also answer to their earlier names (a disclosure that kept an old name in one table). */
export const FUNCTIONAL_CLASSES_WITH_EARLIER: ClassDef[] = FUNCTIONAL_CLASSES.map((c) =>
  EARLIER_CLASS_NAMES[c.code] ? { ...c, aliases: [EARLIER_CLASS_NAMES[c.code]] } : c,
);

/** The functional 类 of the catalogue before 2019 (2017–2018 disclosures), with its names. */
export const FUNCTIONAL_CLASSES_2017: ClassDef[] = FUNCTIONAL_CLASSES.filter((c) => !['224', '234'].includes(c.code)).map((c) =>
  EARLIER_CLASS_NAMES[c.code] ? { code: c.code, name: EARLIER_CLASS_NAMES[c.code], aliases: [c.name] } : c,
);

/** Economic 类 (部门预算支出经济分类). 人员经费 = 301 + 303; the rest of basic spending is 公用经费. */
export const ECONOMIC_CLASSES: ClassDef[] = [
  { code: '301', name: '工资福利支出' },
  { code: '302', name: '商品和服务支出' },
  { code: '303', name: '对个人和家庭的补助' },
  { code: '307', name: '债务利息及费用支出' },
  { code: '309', name: '资本性支出（基本建设）' },
  { code: '310', name: '资本性支出' },
  { code: '311', name: '对企业补助（基本建设）' },
  { code: '312', name: '对企业补助' },
  { code: '313', name: '对社会保障基金补助' },
  { code: '399', name: '其他支出' },
];

export const PERSONNEL_ECONOMIC_CLASSES = ['301', '303'];

export const FUNCTIONAL_CLASS_CODES = new Set(FUNCTIONAL_CLASSES.map((c) => c.code));
export const ECONOMIC_CLASS_CODES = new Set(ECONOMIC_CLASSES.map((c) => c.code));

/** 类 3 digits, 款 5, 项 7 (functional); economic: 类 3, 款 5. */
export function codeLevel(code: string, tree: TreeKind): 1 | 2 | 3 | 0 {
  const n = typeof code === 'string' ? code.length : 0;
  if ((n !== 3 && n !== 5 && n !== 7) || !/^\d+$/.test(code)) return 0;
  if (code.length === 3) return 1;
  if (code.length === 5) return 2;
  if (code.length === 7 && tree === 'functional') return 3;
  return 0;
}

export function parentCode(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}
