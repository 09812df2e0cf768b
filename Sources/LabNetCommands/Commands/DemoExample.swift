/// The sample import file of docs/examples/instruments.csv (a lab manager's
/// file, Chinese headers, BOM and CRLF), which the demo writes and imports.
/// A test keeps the two identical.
enum DemoExample {
  static let instrumentsCSV: String =
    "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"

  private static let lines = #"""
    资产编号,仪器名称,型号,生产厂家,类别,原值(元),收费标准(元/小时),存放地点,开放时间,是否共享,预约粒度(分钟)
    ZC-2015-0101,场发射透射电子显微镜,Talos F200X,Thermo Fisher 赛默飞,analytical,12500000,1500,紫金港校区 分析测试中心 101,Mon-Fri 08:00-20:00,是,30
    ZC-2016-0342,核磁共振波谱仪,AVANCE NEO 600,Bruker 布鲁克,分析仪器,3800000.00,800,玉泉校区 化学楼 B12,24/7,是,15
    ZC-2017-0518,激光共聚焦显微镜,LSM 980,Zeiss 蔡司,analytical,2650000,450,"医学院 公共平台 3楼, 东侧",Mon-Fri 09:00-17:00,是,15
    ZC-2014-0077,万能材料试验机,5985,Instron 英斯特朗,物理性能测试仪器,980000,260,工学部 力学实验室,Mon-Sat 08:30-17:30,是,60
    ZC-2018-0203,矢量网络分析仪,N5227B,Keysight 是德,electronic_measurement,1350000.5,300,信电学院 微波暗室,Mon-Fri 08:00-20:00,否,30
    ZC-2019-0611,"飞秒激光器 ""Astrella""",Astrella,Coherent 相干,laser,4200000,900,光电学院 超快实验室,Mon-Fri 08:00-20:00,是,15
    ZC-2017-0930,流式细胞仪,CytoFLEX LX,Beckman Coulter 贝克曼库尔特,medical_research,1880000,350,医学院 细胞平台,Mon-Fri 08:00-20:00,是,15
    ZC-2012-0045,比表面积及孔径分析仪,ASAP 2460,Micromeritics 麦克默瑞提克,physical_property,460000,120,材料学院 表征中心,Mon-Fri 08:00-20:00,是,15
    """#.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}
