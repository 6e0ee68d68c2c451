"""Word pools for realistic demo data: surnames with weights, given names by era and sex, place
and company names, departments of a district government. Pure data plus small pickers; the
generator passes its own seeded ``random.Random`` so that output is deterministic."""

from __future__ import annotations

import bisect
import itertools
import random

__all__ = [
    "WeightedPicker",
    "SURNAMES_JIANGSU",
    "SURNAMES_GUANGDONG",
    "given_name_pools",
    "VILLAGE_HEADS",
    "VILLAGE_TAILS",
    "COMMUNITY_TAILS",
    "FIRM_WORDS",
    "FIRM_TRADES",
    "DEPARTMENTS",
    "INSTITUTIONS",
    "SOE_GROUPS",
    "SOCIAL_ORGS",
    "MOBILE_PREFIXES",
    "OUTSIDE_ORIGINS",
    "unique_names",
]


class WeightedPicker:
    """Pick from items with weights using one ``rng.random()`` call and a bisect."""

    def __init__(self, weighted: list[tuple[str, float]]):
        self.items = [w[0] for w in weighted]
        self.cum = list(itertools.accumulate(w[1] for w in weighted))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# fmt: off
# Surname frequencies (per cent, rounded) in southern Jiangsu: 张王陈 lead, 周徐朱沈顾陆 are
# far more common there than nationally.
SURNAMES_JIANGSU = WeightedPicker([
    ("张", 3.0), ("王", 3.0), ("陈", 2.8), ("周", 2.2), ("徐", 2.0), ("李", 2.0), ("朱", 1.8), ("沈", 1.8),
    ("吴", 1.6), ("顾", 1.6), ("陆", 1.5), ("钱", 1.0), ("孙", 1.0), ("杨", 1.0), ("黄", 1.0), ("刘", 1.0),
    ("金", 0.9), ("蒋", 0.8), ("姚", 0.8), ("许", 0.8), ("胡", 0.7), ("赵", 0.6), ("戴", 0.6), ("范", 0.6),
    ("潘", 0.6), ("施", 0.5), ("唐", 0.5), ("邹", 0.5), ("曹", 0.5), ("汤", 0.5), ("吕", 0.4), ("陶", 0.4),
    ("宋", 0.4), ("严", 0.4), ("郭", 0.4), ("何", 0.4), ("马", 0.4), ("高", 0.4), ("丁", 0.4), ("袁", 0.4),
    ("费", 0.3), ("邵", 0.3), ("杜", 0.3), ("邱", 0.3), ("倪", 0.3), ("俞", 0.3), ("卢", 0.3), ("薛", 0.3),
    ("冯", 0.3), ("叶", 0.3), ("程", 0.3), ("蔡", 0.3), ("缪", 0.2), ("殷", 0.2), ("盛", 0.2), ("毛", 0.2),
    ("奚", 0.15), ("孔", 0.15), ("浦", 0.1), ("单", 0.1), ("曾", 0.1), ("翁", 0.1), ("凌", 0.1), ("屠", 0.1),
])

# Jiangmen (seed 003): Cantonese surnames, 区 read "ou" (people.pinyin handles it).
SURNAMES_GUANGDONG = WeightedPicker([
    ("陈", 4.0), ("李", 3.0), ("梁", 3.0), ("黄", 3.0), ("张", 2.0), ("吴", 2.0), ("林", 2.0), ("何", 2.0),
    ("谭", 1.5), ("刘", 1.5), ("余", 1.0), ("罗", 1.0), ("冯", 1.0), ("杨", 1.0), ("周", 1.0), ("郑", 1.0),
    ("钟", 1.0), ("邓", 1.0), ("区", 0.5), ("甄", 0.5), ("关", 0.5), ("麦", 0.5), ("容", 0.3), ("司徒", 0.2),
])

# Given-name characters by era: names given before ~1966 (建国, 秀英), 1966–1985 (伟, 丽), after (浩宇, 欣怡).
_GIVEN = {
    ("old", "M"): ("建 国 德 福 根 金 荣 宝 明 华 兴 林 才 志 洪 发 忠 海 文 仁 永 生", "国 华 明 林 荣 根 良 生 兴 平 元 康 昌 祥 福 泉 新 民 贵 忠 才 清"),
    ("old", "F"): ("秀 桂 美 凤 玉 金 菊 兰 月 素 彩 琴 惠 雪 红 小 招 巧 梅 宝", "英 珍 华 芳 娣 兰 凤 妹 琴 英 宝 红 梅 珠 仙 娟 芬 香 萍 云"),
    ("mid", "M"): ("伟 建 志 军 永 海 国 俊 晓 明 卫 红 春 雪 立 振 新 剑 勇 东 峰 斌", "伟 强 军 勇 杰 涛 明 斌 华 平 峰 刚 辉 忠 东 林 军 清 荣 冬 良 锋"),
    ("mid", "F"): ("丽 美 红 晓 雪 春 燕 小 玉 秀 海 金 慧 建 爱 亚 彩 月 静 琳", "丽 红 芳 华 娟 萍 霞 燕 英 琴 敏 玲 艳 梅 静 洁 莉 红 青 芬"),
    ("young", "M"): ("浩 子 俊 宇 嘉 梓 一 家 天 皓 文 博 志 晨 明 逸 思 泽 睿 怡", "宇 轩 然 杰 豪 涛 阳 辰 浩 翔 晨 凯 磊 航 睿 鑫 诚 楠 霖 昊"),
    ("young", "F"): ("欣 子 梓 雨 诗 佳 思 可 雅 紫 晓 一 心 婧 芷 若 依 语 梦 晨", "怡 涵 萱 琪 彤 妍 婷 颖 雯 洁 悦 琳 瑶 菲 蕾 晴 玥 妮 倩 薇"),
}

# fmt: on


def given_name_pools() -> dict[tuple[str, str], list[str]]:
    """Given names per (era, sex): every pair of a first and a second character, plus a few
    one-character names. Deterministic (no randomness)."""
    pools = {}
    for key, (firsts, seconds) in _GIVEN.items():
        f, s = firsts.split(), seconds.split()
        names = [a + b for a in f for b in s if a != b]
        names += sorted(set(s))[: max(4, len(s) // 3)]  # about one name in ten has one character
        pools[key] = names
    return pools


# fmt: off
# Village names: a first word from here and a second from VILLAGE_TAILS (联丰, 金星, 众安桥).
VILLAGE_HEADS = (
    "东 西 南 北 新 永 长 金 银 联 民 红 光 和 太 平 安 丰 富 荣 兴 华 胜 利 建 龙 凤 湖 塘 桥 众 双 三 "
    "大 小 古 青 白 黄 绿 清 前 后 上 下 林 杨 沈 陆 吴 徐 姚 花 龙 友 齐 同 益 幸 庄 溪 港 运 祥 兆"
).split()
VILLAGE_TAILS = (
    "丰 星 联 兴 安 湖 桥 港 浜 泾 塘 圩 河 荡 庄 田 心 乐 民 华 和 林 光 明 胜 红 强 洋 家桥 家浜 家港 "
    "家溪 家湾 家荡 墩 舍 里 渡 坝 漾 村口 南 北 东 西 中 湾 山 岭"
).split()
COMMUNITY_TAILS = (
    "花园 新村 家园 苑 雅苑 名苑 嘉园 佳苑 华庭 新城 湖畔 水岸 人家 丽景 锦苑 城 府 广场 里 湾"
).split()

FIRM_WORDS = (
    "恒 盛 鑫 华 达 宏 瑞 通 天 新 永 佳 博 创 远 鼎 科 信 联 晟 亿 中 汇 德 源 泰 隆 嘉 丰 益 荣 富 "
    "腾 骏 捷 锐 凯 海 云 峰 润 东 旭 升 星 辰 禾 睿 昌 立 诚 正 明 光 合 力"
).split()
FIRM_TRADES = (
    "纺织 丝绸 电子 精密机械 新材料 智能科技 光电 化纤 电缆 建材 物流 生物医药 汽车零部件 服饰 印染 "
    "食品 包装 模具 电器 环保科技 半导体 软件 信息技术 纳米科技 医疗器械 塑业 金属制品 家纺 钢结构 "
    "机电 照明 通信设备 新能源 涂料"
).split()

# Departments of a district (county-level city) government whose staff form 机关 party orgs.
DEPARTMENTS = (
    "发展和改革委员会 教育局 科学技术局 工业和信息化局 公安局 民政局 司法局 财政局 人力资源和社会保障局 "
    "自然资源和规划局 生态环境局 住房和城乡建设局 交通运输局 水务局 农业农村局 商务局 文化体育和旅游局 "
    "卫生健康委员会 退役军人事务局 应急管理局 审计局 市场监督管理局 统计局 医疗保障局 信访局 政务服务管理办公室 "
    "机关事务管理局 城市管理局 人民法院 人民检察院 总工会 团委 妇联 档案馆"
).split()
INSTITUTIONS = (
    "融媒体中心 疾病预防控制中心 图书馆 文化馆 博物馆 公共资源交易中心 住房公积金管理中心 不动产登记中心 "
    "城市管理服务中心 社会福利院 农业技术推广中心 水利工程管理处 公路管理站 地方志办公室 党校"
).split()
SOE_GROUPS = ("城市投资发展集团有限公司", "交通投资集团有限公司", "水务集团有限公司", "国有资本投资运营有限公司",
              "文化旅游发展集团有限公司", "农业发展集团有限公司", "建设发展集团有限公司", "公用事业发展有限公司")
SOCIAL_ORGS = ("个体劳动者协会", "私营企业协会", "商会", "律师协会", "注册会计师协会", "社会工作服务社", "义工联合会",
               "慈善基金会", "物业管理协会", "养老服务中心", "青年创业协会", "民办教育协会", "书画院", "家庭服务业协会")

# Mobile number prefixes of the three carriers (all match 1[3-9]).
MOBILE_PREFIXES = ("138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "182", "187", "188",
                   "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177",
                   "199", "191", "178", "198", "147", "166", "173")

# Where people born outside the district come from: (native place, GB/T 2260 code of a county there).
OUTSIDE_ORIGINS = {
    "32": (("江苏南通", "320623"), ("江苏盐城", "320923"), ("江苏泰州", "321281"), ("安徽安庆", "340825"),
           ("河南信阳", "411522"), ("浙江嘉兴", "330421"), ("山东临沂", "371321"), ("四川南充", "511321"),
           ("江苏徐州", "320321"), ("湖北黄冈", "421127"), ("江西上饶", "361121"), ("江苏宿迁", "321322")),
    "44": (("广东茂名", "440981"), ("广西玉林", "450921"), ("湖南永州", "431121"), ("广东湛江", "440882"),
           ("广东江门", "440781"), ("广东江门", "440783"), ("四川达州", "511722")),
}

# fmt: on


def unique_names(rng: random.Random, make, n: int, taken: set[str] | None = None) -> list[str]:
    """``n`` distinct names drawn by ``make(rng)``; falls back to numbered names if the pool runs dry."""
    taken = taken if taken is not None else set()
    out = []
    tries = 0
    while len(out) < n:
        name = make(rng)
        tries += 1
        if tries > 50 * (n + 1):
            name = "{}{}".format(name, len(out) + 1)
        if name in taken:
            continue
        taken.add(name)
        out.append(name)
    return out
