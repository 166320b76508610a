"""Name and address parts for fictitious people: common surnames and given-name characters.

The lists are generic (the most frequent surnames and name characters in China);
combinations are drawn at random, so no generated person is anyone in particular.
"""

from __future__ import annotations

import random

# The most common surnames, with rough weights (per mille of the population).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72), ("李", 72), ("张", 69), ("刘", 54), ("陈", 54), ("杨", 31), ("黄", 23),
    ("赵", 22), ("吴", 21), ("周", 21), ("徐", 17), ("孙", 15), ("马", 15), ("朱", 14),
    ("胡", 13), ("郭", 13), ("何", 12), ("林", 12), ("高", 12), ("罗", 11), ("郑", 11),
    ("梁", 10), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7),
    ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 6), ("董", 5),
    ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5),
    ("叶", 5), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4),
    ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 3), ("钟", 3), ("谭", 3),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3),
    ("夏", 3), ("韦", 3), ("毛", 2), ("方", 3), ("邬", 2), ("竺", 2), ("应", 2),
    ("单", 1), ("欧阳", 1), ("诸葛", 1),
)  # fmt: skip

MALE_CHARS = tuple(
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国峰亮成东海兵新志文雷荣庆德根福林祥忠贵生永金堃喆晟"
)
FEMALE_CHARS = tuple(
    "芳娜敏静丽艳娟霞燕玲萍红英梅琳莉兰凤洁琴云莲雪慧婷倩颖佳玉珍秀桂琼月翠彩春晶欣悦玥珺婕祎赟菊瑶怡璐"
)

#: Name characters outside GBK, as registries hold them (CJK Extension A, the characters of
#: 通用规范汉字表 in Extensions B-F, and 𠮷): a few persons get one, so the demo shows that
#: they print and show (the fonts in resources/fonts cover them).
RARE_MALE_CHARS = tuple("䶮𬘭𬍤𫖮𬸚𫟹")
RARE_FEMALE_CHARS = tuple("㛃𠮷𬘡𬙋𫘪")
RARE_NAME_SHARE = 0.005


def with_rare_character(rng: random.Random, name: str, sex: str) -> str:
    """`name`, or for about one person in 200 the name with a rare last character."""
    if rng.random() >= RARE_NAME_SHARE:
        return name
    return name[:-1] + rng.choice(RARE_MALE_CHARS if sex == "1" else RARE_FEMALE_CHARS)


ROADS = (
    "中山路", "南山路", "大成路", "岳林路", "长汀路", "金海路", "广平路", "惠政路",
    "茗山路", "奉化江路", "溪口路", "西坞路", "萧王庙路", "江拔线", "尚桥路", "新建路",
    "东环路", "南园路", "河头路", "东门路",
)  # fmt: skip

BANKS = ("宁波银行", "奉化农商银行", "中国邮政储蓄银行", "中国农业银行", "中国工商银行")

#: Places of birth (the first six digits of a resident ID): mostly the district's own
#: codes (Fenghua's old code 330283 and its older 330224), some from neighbouring areas.
BIRTH_REGIONS: tuple[tuple[str, int], ...] = (
    ("330283", 60), ("330224", 20), ("330213", 8), ("330203", 4), ("330282", 3),
    ("330281", 3), ("331023", 2),
)  # fmt: skip
