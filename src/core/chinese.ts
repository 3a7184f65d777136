/**
 * Chinese in one form for matching: traditional characters (Taiwan, Hong Kong, Macao) as simplified
 * ones, and their regions' wording as the mainland's (電腦網路 → 计算机网络) — so that a law written in
 * either meets the same terms and queries.
 */
/**
 * Traditional → simplified, as pairs of characters (from OpenCC's TSCharacters, Apache-2.0): every
 * character whose simplified form the Chinese terms of the lexicon use, and every one whose
 * simplified form is itself a traditional character (後 → 后, 著 → 着), which a new term could use
 * unnoticed. domains/reference/lexicon.test.ts fails when a term uses a simplified character missing here.
 */
const TRADITIONAL_PAIRS = `
捱挨菴庵骯肮闆板幫帮報报盃杯備备痺痹變变錶表別别彆别並并併并剝剥蔔卜佈布纔才採采綵彩參参蔘参蠶蚕冊册査查懺忏廠厂稱称喫吃癡痴蟲虫醜丑齣出儲储處处觸触傳传脣唇詞词
從从單单噹当當当黨党盜盗牴抵點点電电澱淀彫雕弔吊釣钓調调訂订鼕冬動动凍冻鬥斗對对噸吨燉炖噁恶惡恶兒儿發发髮发罰罚氾泛汎泛範范訪访豐丰彿佛負负復复複复該该桿杆趕赶
乾干幹干榦干槓杠睪睾個个箇个構构穀谷僱雇颳刮掛挂枴拐關关櫃柜國国過过駭骇蠔蚝號号閤合覈核恆恒鬨哄後后鬍胡戶户護护劃划懷怀壞坏迴回夥伙獲获穫获機机極极幾几計计記记
紀纪際际傢家價价姦奸監监繭茧薦荐艦舰薑姜繳缴敎教節节傑杰潔洁結结緊紧進进經经驚惊侷局鉅巨據据捲卷剋克釦扣誇夸崑昆綑捆睏困臘腊蠟蜡攔拦濫滥稜棱釐厘貍狸離离籬篱裡里
慄栗簾帘憐怜聯联樑梁淩凌嶺岭領领彔录錄录録录論论絡络碼码瞞瞒麼么沒没黴霉濛蒙矇蒙祕秘麵面腦脑內内唸念孃娘寧宁濘泞賠赔闢辟騙骗拚拼蘋苹僕仆撲扑樸朴悽凄淒凄棲栖慼戚
氣气韆千簽签籤签錢钱竊窃請请鞦秋麴曲權权確确擾扰軟软灑洒騷骚曬晒刪删羶膻捨舍設设瀋沈審审昇升陞升聖圣勝胜屍尸蝨虱時时實实飾饰適适書书輸输朮术術术數数俬私鬆松訟讼
蒐搜訴诉痠酸損损簑蓑檯台臺台颱台薹苔醣糖體体條条聽听衕同統统圖图塗涂託托窪洼輓挽萬万網网違违偽伪僞伪為为爲为餵喂問问甕瓮汙污無无務务谿溪蓆席係系繫系轄辖絃弦鹹咸
綫线線线羨羡嚮向蠍蝎協协洩泄倖幸兇凶脩修籲吁虛虚卹恤續续璿璇燻熏訊讯醃腌嚴严巖岩簷檐嚥咽癢痒餚肴義义異异隱隐傭佣湧涌踴踊優优遊游誘诱於于餘余魚鱼與与語语鬱郁預预
慾欲禦御癒愈員员願愿嶽岳雲云譟噪則则責责紮扎詐诈霑沾佔占帳帐賬账摺折著着偵侦徵征証证證证癥症執执衹只隻只誌志製制緻致種种塚冢週周冑胄硃朱註注築筑專专轉转莊庄裝装
準准諮咨資资蹤踪組组
`.replace(/\s/g, '');
/** Traditional character → simplified. */
export const SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  TRADITIONAL_PAIRS.match(/../gu)!.map((pair) => [pair[0], pair[1]] as const),
);
const TRADITIONAL = new RegExp(`[${[...SIMPLIFIED.keys()].join('')}]`, 'gu');

/** Words of Taiwan, Hong Kong and Macao (in simplified characters) and the mainland's for them; longer first. */
const REGIONAL: Record<string, string> = {
  网际网路: '互联网',
  数据资料: '数据',
  伺服器: '服务器',
  使用者: '用户',
  网路: '网络',
  电脑: '计算机',
  资讯: '信息',
  讯息: '信息',
  资料: '数据',
  程式: '程序',
  软体: '软件',
  硬体: '硬件',
  帐号: '账号',
  帐户: '账户',
  纪录: '记录',
  骇客: '黑客',
  通讯: '通信',
  数位: '数字',
};
const REGIONAL_WORDS = new RegExp(Object.keys(REGIONAL).join('|'), 'gu');

/** Chinese text in simplified characters and mainland wording (電腦網路 → 计算机网络). */
export const toSimplified = (text: string) =>
  text.replace(TRADITIONAL, (c) => SIMPLIFIED.get(c)!).replace(REGIONAL_WORDS, (w) => REGIONAL[w]);
