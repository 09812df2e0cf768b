import InstrumentNetwork

/// The words the synthetic network is made of. The spread is synthetic:
/// shaped like the 2018 Yangtze River Delta network, not copied from it.
enum SeedVocabulary {
  /// Units per province in the full network (2,086 in all).
  static let unitsPerProvince: [(Province, Int)] = [
    (.shanghai, 626), (.jiangsu, 626), (.zhejiang, 521), (.anhui, 313),
  ]

  /// How many instruments a unit of a province holds, relative to the others.
  static let provinceWeight: [Province: Double] = [
    .shanghai: 1.45, .jiangsu: 1.0, .zhejiang: 0.9, .anhui: 0.8,
  ]

  static let cities: [Province: [(String, Double)]] = [
    .shanghai: [("上海", 1)],
    .jiangsu: [
      ("南京", 30), ("苏州", 24), ("无锡", 10), ("常州", 8), ("南通", 7), ("昆山", 5), ("太仓", 3),
      ("扬州", 5), ("徐州", 4), ("镇江", 4),
    ],
    .zhejiang: [
      ("杭州", 40), ("宁波", 20), ("嘉兴", 10), ("温州", 9), ("绍兴", 8), ("湖州", 7), ("金华", 6),
    ],
    .anhui: [("合肥", 60), ("芜湖", 14), ("蚌埠", 8), ("马鞍山", 7), ("安庆", 6), ("淮南", 5)],
  ]

  static let kinds: [(UnitKind, Double)] = [
    (.enterprise, 46), (.institute, 22), (.university, 16), (.hospital, 11), (.other, 5),
  ]

  /// Instruments a unit of a kind holds, relative to the others.
  static let kindWeight: [UnitKind: Double] = [
    .institute: 40, .university: 45, .hospital: 14, .enterprise: 6, .other: 8,
  ]

  static let universityFields = [
    "理工", "科技", "师范", "医科", "工业", "农业", "财经", "海洋", "交通", "信息工程", "化工", "中医药", "电子科技",
    "石油化工", "建筑",
  ]
  static let researchFields = [
    "材料", "光学精密机械", "生物医药", "化学", "物理", "微系统与信息技术", "能源", "环境科学", "海洋", "地质", "农业科学",
    "计量测试", "集成电路", "智能制造", "纳米技术", "药物", "食品检验", "电子信息",
  ]
  static let brandSyllables = [
    "华", "中", "新", "科", "创", "联", "瑞", "博", "晶", "光", "海", "天", "恒", "金", "思", "源", "达", "远", "智",
    "芯", "微", "诚", "信", "泰", "安", "康", "润", "宏", "盛", "越",
  ]
  static let industries = [
    "精密仪器", "生物医药", "新材料", "半导体", "光电科技", "检测技术", "环境科技", "汽车零部件", "化工", "电子科技", "智能装备",
    "医疗器械", "新能源", "纺织科技", "食品科技",
  ]
  static let hospitalKinds = ["中医", "儿童", "妇产科", "肿瘤", "口腔", "眼耳鼻喉科", "胸科", "第一人民", "第二人民", "中心"]
  static let serviceKinds = ["检验检测中心", "测试研究院", "技术服务中心", "产业技术研究院", "公共实验平台"]

  static let categories: [(InstrumentCategory, Double)] = [
    (.analytical, 35), (.physicalProperty, 14), (.electronicMeasurement, 10),
    (.medicalResearch, 8), (.computing, 6), (.specialTesting, 5), (.processTesting, 5),
    (.laser, 4), (.metrology, 4), (.atmospheric, 2), (.oceanographic, 2), (.geophysical, 1.5),
    (.nuclear, 1.2), (.astronomical, 0.3), (.other, 2),
  ]

  /// Instrument names with a model and maker each, by category.
  static let instruments: [InstrumentCategory: [(name: String, model: String, maker: String)]] = [
    .analytical: [
      ("透射电子显微镜", "JEM-2100F", "JEOL 日本电子"), ("扫描电子显微镜", "SU8010", "Hitachi 日立"),
      ("核磁共振波谱仪", "AVANCE III 600", "Bruker 布鲁克"),
      ("液相色谱-质谱联用仪", "Q Exactive", "Thermo Fisher 赛默飞"),
      ("气相色谱-质谱联用仪", "7890B-5977B", "Agilent 安捷伦"), ("X射线衍射仪", "D8 ADVANCE", "Bruker 布鲁克"),
      ("电感耦合等离子体质谱仪", "NexION 350X", "PerkinElmer 珀金埃尔默"),
      ("激光共聚焦显微镜", "LSM 880", "Zeiss 蔡司"), ("傅里叶变换红外光谱仪", "Nicolet iS50", "Thermo Fisher 赛默飞"),
      ("拉曼光谱仪", "LabRAM HR Evolution", "HORIBA 堀场"),
      ("X射线光电子能谱仪", "ESCALAB 250Xi", "Thermo Fisher 赛默飞"),
      ("原子力显微镜", "Dimension Icon", "Bruker 布鲁克"),
      ("超高效液相色谱仪", "ACQUITY UPLC H-Class", "Waters 沃特世"),
      ("单晶X射线衍射仪", "XtaLAB Synergy", "Rigaku 理学"), ("场发射电子探针", "JXA-8530F", "JEOL 日本电子"),
    ],
    .physicalProperty: [
      ("万能材料试验机", "5985", "Instron 英斯特朗"), ("动态热机械分析仪", "DMA 850", "TA Instruments"),
      ("同步热分析仪", "STA 449 F3", "NETZSCH 耐驰"), ("旋转流变仪", "MCR 302", "Anton Paar 安东帕"),
      ("比表面积及孔径分析仪", "ASAP 2460", "Micromeritics 麦克默瑞提克"),
      ("激光粒度分析仪", "Mastersizer 3000", "Malvern 马尔文"),
      ("综合物性测量系统", "PPMS DynaCool", "Quantum Design"),
    ],
    .metrology: [
      ("三坐标测量机", "PRISMO", "Zeiss 蔡司"), ("激光干涉仪", "XL-80", "Renishaw 雷尼绍"),
      ("标准电能表检定装置", "HS-6303", "浙江涵普"), ("精密圆度仪", "Talyrond 585", "Taylor Hobson"),
    ],
    .electronicMeasurement: [
      ("矢量网络分析仪", "N5227B", "Keysight 是德"), ("信号与频谱分析仪", "FSW43", "Rohde & Schwarz 罗德与施瓦茨"),
      ("高速数字示波器", "DSAZ634A", "Keysight 是德"), ("半导体参数分析仪", "B1500A", "Keysight 是德"),
      ("晶圆探针台", "Summit 12000", "FormFactor"),
    ],
    .oceanographic: [
      ("多波束测深系统", "EM 712", "Kongsberg 康斯伯格"),
      ("声学多普勒流速剖面仪", "Workhorse 300k", "Teledyne RDI"), ("温盐深剖面仪", "SBE 911plus", "Sea-Bird"),
    ],
    .geophysical: [
      ("宽频带地震仪", "Trillium 120", "Nanometrics"), ("探地雷达", "SIR-4000", "GSSI"),
      ("相对重力仪", "CG-6", "Scintrex"),
    ],
    .atmospheric: [
      ("激光云高仪", "CL51", "Vaisala 维萨拉"), ("气溶胶质谱仪", "ToF-ACSM", "Aerodyne"),
      ("风廓线雷达", "CFL-16", "中国航天科工二十三所"),
    ],
    .specialTesting: [
      ("工业CT", "phoenix v|tome|x m", "Waygate Technologies"),
      ("相控阵超声检测仪", "OmniScan X3", "Evident 仪景通"),
      ("氦质谱检漏仪", "ASM 340", "Pfeiffer 普发"),
    ],
    .laser: [
      ("飞秒激光器", "Astrella", "Coherent 相干"), ("超快激光放大系统", "Spitfire Ace", "Spectra-Physics 光谱物理"),
      ("高功率光纤激光器", "YLS-6000", "IPG Photonics"),
    ],
    .processTesting: [
      ("等离子体刻蚀机", "PlasmaPro 100", "Oxford Instruments 牛津仪器"), ("电子束光刻系统", "EBPG 5200", "Raith"),
      ("原子层沉积系统", "R-200", "Picosun"), ("磁控溅射镀膜系统", "PVD 75", "Kurt J. Lesker"),
    ],
    .computing: [
      ("高性能计算集群", "TC4600", "中科曙光"), ("GPU计算服务器", "DGX A100", "NVIDIA 英伟达"),
      ("并行存储系统", "ParaStor 300", "中科曙光"),
    ],
    .medicalResearch: [
      ("流式细胞仪", "CytoFLEX LX", "Beckman Coulter 贝克曼库尔特"),
      ("小动物活体成像系统", "IVIS Spectrum", "PerkinElmer 珀金埃尔默"),
      ("高内涵成像系统", "Operetta CLS", "PerkinElmer 珀金埃尔默"),
      ("磁共振成像系统", "MAGNETOM Prisma 3T", "Siemens 西门子"),
      ("冷冻透射电镜", "Titan Krios G4", "Thermo Fisher 赛默飞"),
    ],
    .nuclear: [
      ("液体闪烁计数器", "Tri-Carb 4910TR", "PerkinElmer 珀金埃尔默"), ("高纯锗γ能谱仪", "GEM-C5060", "ORTEC"),
    ],
    .astronomical: [
      ("1米级光学望远镜", "1.0m RC", "南京天文光学技术研究所"), ("太阳射电频谱仪", "SBRS-2", "中国科学院国家天文台"),
    ],
    .other: [
      ("洁净室环境监测系统", "FMS 5", "Particle Measuring Systems"),
      ("自动化样品前处理平台", "Biomek i7", "Beckman Coulter"),
    ],
  ]

  static let openingHours: [(String, Double)] = [
    ("Mon-Fri 08:00-20:00", 70), ("24/7", 12), ("Mon-Sat 08:30-17:30", 10),
    ("Mon-Fri 09:00-17:00", 8),
  ]

  static let purposes = [
    "样品表征", "材料结构分析", "成分检测", "课题组实验", "企业委托测试", "新药研发", "质量检验", "论文数据补充", "工艺验证",
    "教学实验",
  ]

  static let buildings = ["分析测试中心", "实验楼", "公共平台", "科研楼", "中心实验室", "技术中心"]

  static let surnames = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高",
  ]
  static let givenNames = [
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英",
    "建华", "晓东", "海燕", "志强", "丽", "军",
  ]
}
