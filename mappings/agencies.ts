/**
 * How agency names are built, as data for src/compare/agency.ts: the
 * administrative units a name starts with (淮安市 洪泽区 青石镇), and the
 * bodies that say which level the agency is (人民政府, 办事处, 局, 委员会…).
 * docs/compare.md explains the rule these tables feed.
 */

/**
 * Suffixes of a region above the township, longest first: at one position the
 * first that matches wins, so 自治县 is taken before 县 and 新区 before 区.
 * Zones (开发区, 实验区…) count as regions: 平潭综合实验区 reports as a government.
 */
export const regionSuffixes = [
  '特别行政区',
  '经济技术开发区',
  '高新技术产业开发区',
  '综合实验区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '开发区',
  '实验区',
  '示范区',
  '管理区',
  '高新区',
  '新区',
  '林区',
  '地区',
  '省',
  '市',
  '州',
  '盟',
  '县',
  '区',
  '旗',
] as const;

/** Zones among the regions: their 管理委员会 is their government. */
export const zoneSuffixes = ['开发区', '实验区', '示范区', '管理区', '高新区', '新区'] as const;

/** Suffixes of a township-level unit (乡, 镇, 街道, 苏木 of Inner Mongolia), longest first. */
export const townshipSuffixes = ['民族乡', '街道', '苏木', '镇', '乡'] as const;

/** The most characters a region's own name has before its suffix (新疆维吾尔 has 5, 高新技术产业开发区 zones more). */
export const maxRegionNameLength = 8;

/**
 * Words that end like a region but are none (城市管理局 is no region 城市 with a
 * body 管理局), checked against the whole candidate (name + suffix).
 */
export const regionFalseFriends = [
  '城市',
  '都市',
  '超市',
  '集市',
  '农贸市',
  '社区',
  '园区',
  '景区',
  '小区',
  '市区',
  '街区',
  '辖区',
  '山区',
  '老区',
  '灾区',
  '牧区',
  '城乡',
  '乡镇',
  '城镇',
] as const;

/** A suffix followed by one of these characters is part of a word, not a region: 市场, 区域, 县域. */
export const regionSuffixNotFollowedBy: Record<string, string> = { 市: '场', 区: '域', 县: '域', 镇: '域' };

/** Bodies that make the agency the government of its region (an empty body: the name is the region itself). */
export const governmentBodies = ['人民政府', '政府', ''] as const;

/** Bodies that make a zone's agency its government. */
export const zoneGovernmentBodies = ['管理委员会', '管委会'] as const;

/**
 * How an agency key spells the body of a government, whichever of its names a
 * report prints (平潭综合实验区, 平潭综合实验区管委会 and 平潭综合实验区管理委员会
 * are one agency; so are 洪泽区, 洪泽区政府 and 洪泽区人民政府).
 */
export const governmentKeyBody = { region: '人民政府', zone: '管理委员会' } as const;

/** Bodies of a township-level government: 镇人民政府, 乡政府, 街道办事处. */
export const townshipBodies = ['人民政府', '政府', '办事处', '街道办事处', '办', ''] as const;

/**
 * Endings of a department's name: offices of a government (人民政府办公室,
 * 办公厅), bureaus, commissions, centres. A body that ends in none of them
 * leaves the level unknown rather than guessed.
 */
export const departmentEndings = [
  '办公室',
  '办公厅',
  '委员会',
  '管理局',
  '总局',
  '局',
  '厅',
  '委',
  '办',
  '中心',
  '处',
  '署',
  '部',
  '院',
  '所',
  '站',
  '队',
  '馆',
  '会',
  '社',
] as const;
