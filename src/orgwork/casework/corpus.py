"""Templates of demo cases with paraphrases, and the labelled set the text suggestions are
measured on (bench/casework.py). A *matter* is one template at one place; the cases of a matter
are its paraphrased raises (true duplicates of each other). A template says whether the village
(or community) itself or its township handles it: the routing label."""

from __future__ import annotations

import random

__all__ = ["TEMPLATES", "FRAMES", "ASKS", "compose", "labelled_set"]

# (category, handled by "village" | "town", core statements — three wordings of the same matter)
TEMPLATES = [
    (
        "infrastructure",
        "town",
        [
            "{p}通往镇区的主干道路面破损严重，雨天积水，车辆通行困难",
            "{p}到镇上的那条主路坑坑洼洼，一下雨就积水，车子很难开",
            "{p}主干道路面多处塌陷破损，下雨后大片积水影响出行",
        ],
    ),
    (
        "infrastructure",
        "village",
        [
            "{p}村内路灯大面积损坏，晚上出行一片漆黑",
            "{p}好多路灯不亮了，夜里走路看不见",
            "{p}村道路灯年久失修，夜间照明缺失存在安全隐患",
        ],
    ),
    (
        "infrastructure",
        "town",
        [
            "{p}桥梁护栏断裂，学生上下学存在安全隐患",
            "{p}那座桥的栏杆断了，孩子们上学经过很危险",
            "{p}河上小桥护栏损毁，过往学生安全得不到保障",
        ],
    ),
    (
        "infrastructure",
        "village",
        [
            "{p}自来水水压不足，高层住户经常停水",
            "{p}家里的自来水水压太低，楼上经常没水用",
            "{p}供水压力偏低，楼层高的住户用水困难",
        ],
    ),
    (
        "infrastructure",
        "town",
        [
            "{p}农田灌溉渠道淤塞，春耕用水得不到保障",
            "{p}田里的灌溉沟渠堵住了，春耕放不了水",
            "{p}灌溉水渠长期淤积堵塞，影响春季农业生产用水",
        ],
    ),
    (
        "infrastructure",
        "village",
        [
            "{p}停车位严重不足，车辆乱停乱放堵塞消防通道",
            "{p}小区车位太少，车子乱停把消防通道都堵了",
            "{p}机动车无序停放占用消防通道，停车位缺口大",
        ],
    ),
    (
        "environment",
        "village",
        [
            "{p}生活垃圾清运不及时，垃圾桶满溢发出异味",
            "{p}垃圾好几天没人来收，桶都满了臭气熏天",
            "{p}垃圾收集点清运频次低，满溢散发恶臭",
        ],
    ),
    (
        "environment",
        "town",
        [
            "{p}附近工厂夜间排放废气，气味刺鼻影响休息",
            "{p}旁边的厂晚上偷偷排气，味道很呛睡不好觉",
            "{p}周边企业夜间废气排放，异味严重干扰居民休息",
        ],
    ),
    (
        "environment",
        "village",
        [
            "{p}河道漂浮物多，水体发黑发臭",
            "{p}河里垃圾漂了一层，水又黑又臭",
            "{p}河道保洁不到位，水质黑臭漂浮物堆积",
        ],
    ),
    (
        "environment",
        "village",
        [
            "{p}广场舞音响声音过大，晚上扰民",
            "{p}跳广场舞的音响开得太响，晚上吵得没法休息",
            "{p}夜间广场舞噪音超标，周边住户不堪其扰",
        ],
    ),
    (
        "environment",
        "town",
        [
            "{p}建筑工地渣土车抛洒，道路扬尘严重",
            "{p}工地运土的车一路撒土，路上灰很大",
            "{p}渣土运输车辆沿途抛洒，造成严重扬尘污染",
        ],
    ),
    (
        "environment",
        "village",
        ["{p}公共厕所设施破旧无人保洁", "{p}公厕又破又脏，没人打扫", "{p}公共卫生间年久失修，日常保洁缺失"],
    ),
    (
        "livelihood",
        "town",
        [
            "{p}独居老人较多，希望开设老年食堂解决吃饭难",
            "{p}一个人住的老人多，想办个老年食堂让他们吃上热饭",
            "{p}空巢独居老人就餐困难，建议建设老年助餐点",
        ],
    ),
    (
        "livelihood",
        "village",
        [
            "{p}困难家庭低保申请迟迟没有结果",
            "{p}家里困难申请了低保，一直没有下文",
            "{p}低保申请审核进度缓慢，困难群众着急",
        ],
    ),
    (
        "livelihood",
        "town",
        [
            "{p}幼儿园学位紧张，适龄儿童入园难",
            "{p}孩子到年龄了却上不了幼儿园，名额太少",
            "{p}学前教育学位不足，适龄幼儿入园困难",
        ],
    ),
    (
        "livelihood",
        "town",
        [
            "{p}社区卫生服务站医生少，看病排队时间长",
            "{p}卫生站就一两个医生，看个病要排好久",
            "{p}基层卫生服务站医务人员不足，就诊等候时间过长",
        ],
    ),
    (
        "livelihood",
        "village",
        [
            "{p}老旧小区没有电梯，老人上下楼困难",
            "{p}老小区没电梯，老人爬楼太吃力",
            "{p}多层老旧住宅未加装电梯，高龄居民出行不便",
        ],
    ),
    (
        "livelihood",
        "town",
        [
            "{p}公交线路少班次稀，群众出行不便",
            "{p}公交车太少，等一班要一个小时",
            "{p}公共交通线路覆盖不足，发车间隔过长",
        ],
    ),
    (
        "livelihood",
        "village",
        ["{p}残疾人补贴发放不及时", "{p}残疾补助好几个月没发了", "{p}残疾人两项补贴存在拖欠发放问题"],
    ),
    (
        "party_building",
        "village",
        [
            "{p}党员活动室面积小设施旧，难以开展组织生活",
            "{p}党员活动室太小了，东西也旧，组织生活没法好好开",
            "{p}党群活动阵地狭小陈旧，不能满足三会一课需要",
        ],
    ),
    (
        "party_building",
        "town",
        [
            "{p}流动党员较多，组织关系管理困难",
            "{p}外出打工的党员多，组织关系不好管",
            "{p}流动党员教育管理难，组织关系接转不顺畅",
        ],
    ),
    (
        "party_building",
        "village",
        [
            "{p}年轻党员少，发展党员后继乏人",
            "{p}党员都是老同志，年轻人入党的少",
            "{p}党员队伍老化，青年入党积极分子缺乏",
        ],
    ),
    (
        "party_building",
        "town",
        ["{p}党建经费使用审批流程繁琐", "{p}党建经费报销手续太复杂", "{p}党组织工作经费审批环节多、拨付慢"],
    ),
    (
        "industry",
        "town",
        [
            "{p}村集体经济收入单一，缺少稳定增收项目",
            "{p}村里集体收入就靠租金，没有别的来钱路子",
            "{p}集体经济来源单一，亟需引进稳定的增收项目",
        ],
    ),
    (
        "industry",
        "village",
        [
            "{p}农产品销售渠道窄，丰收不增收",
            "{p}种的菜卖不出去，丰收了也不赚钱",
            "{p}农副产品销路不畅，出现增产不增收",
        ],
    ),
    (
        "industry",
        "town",
        [
            "{p}标准厂房闲置，招商引资进展缓慢",
            "{p}建好的厂房一直空着，招不来企业",
            "{p}标准化厂房空置率高，招商工作推进迟缓",
        ],
    ),
    (
        "industry",
        "village",
        [
            "{p}土地流转合同纠纷，租金拖欠未付",
            "{p}土地流转出去了，租金一直拖着不给",
            "{p}承包方拖欠土地流转费用，引发合同纠纷",
        ],
    ),
    (
        "governance",
        "village",
        [
            "{p}违章搭建现象突出，占用公共空间",
            "{p}有人乱搭乱建，把公共地方都占了",
            "{p}私搭乱建问题多发，侵占公共区域",
        ],
    ),
    (
        "governance",
        "town",
        [
            "{p}物业公司服务差，收费不透明",
            "{p}物业啥事不管，收费还糊里糊涂",
            "{p}物业服务质量低，收费标准不公开",
        ],
    ),
    (
        "governance",
        "village",
        [
            "{p}邻里宅基地边界纠纷长期未调解",
            "{p}两家为宅基地边界吵了好多年，没人来调解",
            "{p}宅基地界址争议持续多年，调解未果",
        ],
    ),
    (
        "governance",
        "town",
        [
            "{p}电动车充电难，飞线充电存在火灾隐患",
            "{p}电瓶车没地方充电，大家从楼上拉电线充",
            "{p}电动自行车充电设施缺乏，私拉电线充电隐患大",
        ],
    ),
    (
        "governance",
        "village",
        [
            "{p}外来租户多，出租房管理混乱",
            "{p}外地租房的人多，出租屋乱糟糟没人管",
            "{p}流动人口集中，出租房屋管理无序",
        ],
    ),
    (
        "talent",
        "town",
        [
            "{p}引进人才子女入学手续办理慢",
            "{p}引进来的人才孩子上学的手续办了很久",
            "{p}高层次人才子女入学审批周期过长",
        ],
    ),
    (
        "talent",
        "town",
        [
            "{p}企业技术工人招聘难，缺乏技能培训",
            "{p}厂里招不到技术工，也没有培训",
            "{p}企业技能型人才短缺，职业技能培训供给不足",
        ],
    ),
    (
        "talent",
        "village",
        [
            "{p}返乡创业青年贷款难，缺少扶持政策",
            "{p}回乡创业的年轻人贷不到款，也没啥政策支持",
            "{p}返乡创业青年融资困难，扶持政策落实不到位",
        ],
    ),
    (
        "other",
        "town",
        [
            "{p}手机信号差，部分区域没有网络",
            "{p}这边手机信号很差，有的地方根本没网",
            "{p}移动通信信号覆盖弱，存在网络盲区",
        ],
    ),
]

FRAMES = [
    "{p}村民反映：",
    "网格员上报：",
    "在书记讲给书记听活动中，有书记提出：",
    "走访中群众反映，",
    "红色议事会上议定：",
    "",
]
ASKS = ["希望尽快解决。", "请有关部门协调处理。", "群众意见较大，盼早日落实。", "。", "请予以关注。"]


def compose(rng: random.Random, template_no: int, place: str) -> tuple[str, str]:
    """A paraphrased (title, description) of the template at ``place``."""
    _cat, _level, cores = TEMPLATES[template_no]
    core = rng.choice(cores).format(p=place)
    frame = rng.choice(FRAMES).format(p=place)
    ask = rng.choice(ASKS)
    title = core.split("，")[0][:40]
    return title, f"{frame}{core}{ask}".replace("。。", "。")


def labelled_set(places: list[tuple[str, str, str]], *, seed: int = 1, matters: int = 160):
    """A labelled set: ``matters`` (template, place) pairs — every template used — each raised
    1–3 times in different words. ``places`` are (place name, village key, town key). Returns
    dicts with text, matter, template, handler (the village's or the town's key)."""
    rng = random.Random(f"orgwork-casework-labels-{seed}")
    out = []
    for m in range(matters):
        t = m % len(TEMPLATES)
        place, village, town = rng.choice(places)
        handler = village if TEMPLATES[t][1] == "village" else town
        for _k in range(rng.choice((1, 2, 2, 3))):
            title, desc = compose(rng, t, place)
            out.append(
                {
                    "title": title,
                    "description": desc,
                    "matter": m,
                    "place": place,
                    "template": t,
                    "handler": handler,
                    "category": TEMPLATES[t][0],
                }
            )
    return out
