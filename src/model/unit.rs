//! Units and the blocks/clusters they belong to (Hướng dẫn 3636/HD-BHXH, danh sách kèm theo).

use serde::{Deserialize, Serialize};

/// Stable identifier of a unit, e.g. `tinh-ha-nam`, `khoi-1-vu-phap-che`,
/// `huyen-ha-nam-duy-tien`. Never shown to officers; names are.
pub type UnitId = String;
/// Stable identifier of a block or cluster, e.g. `khoi-1`, `cum-tinh-3`,
/// `cum-huyen-ha-noi-2`.
pub type ClusterId = String;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Đơn vị trực thuộc BHXH Việt Nam (Vụ, Ban, Trung tâm …), in a Khối.
    Central,
    /// BHXH tỉnh, thành phố trực thuộc Trung ương, in a Cụm tỉnh.
    Province,
    /// BHXH quận, huyện, thị xã, thành phố thuộc tỉnh, in a Cụm huyện.
    District,
}

impl Level {
    pub fn label_vi(self) -> &'static str {
        match self {
            Level::Central => "đơn vị trực thuộc BHXH Việt Nam",
            Level::Province => "BHXH tỉnh",
            Level::District => "BHXH huyện",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClusterKind {
    /// Khối thi đua (central units).
    Khoi,
    /// Cụm thi đua cấp tỉnh.
    CumTinh,
    /// Cụm thi đua cấp huyện.
    CumHuyen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    /// Official name as in 3636, with its prefix: "BHXH tỉnh Hà Nam".
    pub name: String,
    /// The name without the "BHXH tỉnh/thành phố/huyện" prefix: "Hà Nam".
    pub short_name: String,
    pub level: Level,
    pub cluster: ClusterId,
    /// For districts: the province unit id.
    pub province: Option<UnitId>,
    /// Other names accepted by matching ("TT Huế", "TP HCM").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The place of its documents' date line when it is not the short
    /// name: a unit named after a person ("Thành phố Hồ Chí Minh", Nghị
    /// định 30/2020, Phụ lục I, mục I.4.a). See `render::fill::place_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: ClusterId,
    pub kind: ClusterKind,
    /// Number within its parent: Khối số I = 1, Cụm tỉnh số III = 3, Cụm huyện số 2 = 2.
    pub number: u32,
    /// "Khối thi đua số I", "Cụm thi đua cấp tỉnh số III", "Cụm thi đua cấp huyện số 2 (BHXH thành phố Hà Nội)".
    pub name: String,
    /// For district clusters: the province unit id that organises it.
    pub province: Option<UnitId>,
    /// Member unit ids, in the order of the seed's list.
    pub members: Vec<UnitId>,
}

/// A block or cluster's head (Khối/Cụm trưởng) and deputy for a year,
/// elected by rotation at the annual review (Hướng dẫn 3636, mục A.I).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub cluster: ClusterId,
    pub year: i32,
    pub head: UnitId,
    pub deputy: Option<UnitId>,
}

/// An edition of the registry or of a campaign's rules: the lists or rules
/// of one document, for the years it applies to (SPEC §12). Named in the
/// console output and in `ket-qua.json` so a result says whose lists it used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// "Hướng dẫn 3636/HD-BHXH (2022)".
    pub name: String,
    /// The document the lists follow, as it is cited.
    pub document: String,
    /// Every year the edition applies to.
    pub years: Vec<i32>,
}

impl Edition {
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }
    /// "2022–2024", "2012", "2012, 2014".
    pub fn years_vi(&self) -> String {
        let mut ys = self.years.clone();
        ys.sort();
        ys.dedup();
        let contiguous = ys.windows(2).all(|w| w[1] == w[0] + 1);
        match ys.as_slice() {
            [] => String::new(),
            [y] => y.to_string(),
            [a, .., b] if contiguous => format!("{a}–{b}"),
            _ => ys.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", "),
        }
    }
}
