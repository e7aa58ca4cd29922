#!/usr/bin/env python3
"""The 2012 year-end inbox of Cụm thi đua số 1 (seed 002), filled with
python3 + openpyxl the way the cluster's secretariat would have (not with
thidua's own writer). Usage: python3 make_sample.py OUTDIR (default: hop-thu).

What comes from seed 002 (bản tin ngày 26/02/2013): the nine members; each
one's collection result against plan (111,16 %, 112 %, 109,9 % …); Hải
Phòng, Tuyên Quang and Hải Dương among the five provinces best scored in
2012; Hải Dương and Tuyên Quang voted the BHXH flag, Hải Dương the
Government flag; Hải Dương head in 2012 (its director chaired); Tuyên Quang
and Quảng Ninh elected head and deputy for 2013; the meeting of 21/02/2013.

What the seed does not give and is made up here, consistent with it: the
plans in million đồng (the actuals are plan × the seed's rate, exactly), the
self-assessed scores (Hải Dương first, Tuyên Quang second, Hải Phòng third,
as the seed's "5/63" ranking suggests), the vote counts, the eligibility
facts (every unit signed the covenant and exceeded its plan, as the seed
says; the flags' new models), and the meeting's place.
"""
import os
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "hop-thu")
os.makedirs(out, exist_ok=True)

# Seed order of the members; names as the seed writes them (Phú Thọ corrected).
MEMBERS = [
    ("BHXH tỉnh Hải Dương", "hai-duong"),
    ("BHXH tỉnh Tuyên Quang", "tuyen-quang"),
    ("BHXH thành phố Hải Phòng", "hai-phong"),
    ("BHXH tỉnh Hưng Yên", "hung-yen"),
    ("BHXH tỉnh Quảng Ninh", "quang-ninh"),
    ("BHXH tỉnh Phú Thọ", "phu-tho"),
    ("BHXH tỉnh Vĩnh Phúc", "vinh-phuc"),
    ("BHXH tỉnh Bắc Giang", "bac-giang"),
    ("BHXH tỉnh Bắc Ninh", "bac-ninh"),
]

# Collection 2012: (plan, actual) in million đồng; actual ÷ plan is the
# seed's rate exactly. The 2011 column (same period last year) is made up:
# actual ÷ 1,2, rounded.
COLLECTION = {
    "BHXH tỉnh Bắc Giang": (1_100_000, 1_222_760),  # 111,16 %
    "BHXH tỉnh Bắc Ninh": (1_900_000, 2_128_000),  # 112 %
    "BHXH tỉnh Hải Dương": (1_800_000, 1_978_200),  # 109,9 %
    "BHXH thành phố Hải Phòng": (3_600_000, 3_708_000),  # 103 %
    "BHXH tỉnh Hưng Yên": (1_000_000, 1_052_000),  # 105,2 %
    "BHXH tỉnh Phú Thọ": (1_200_000, 1_279_200),  # 106,6 %
    "BHXH tỉnh Quảng Ninh": (2_500_000, 2_735_000),  # 109,4 %
    "BHXH tỉnh Tuyên Quang": (600_000, 671_400),  # 111,9 %
    "BHXH tỉnh Vĩnh Phúc": (1_700_000, 1_841_100),  # 108,3 %
}

CRITERIA = [
    ("I", "Công tác chỉ đạo, tổ chức phong trào thi đua", 20, None),
    ("1", "Ban hành kế hoạch, phát động phong trào thi đua", 10, 0),
    ("2", "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến", 10, 1),
    ("II", "Thực hiện nhiệm vụ chuyên môn được giao", 60, None),
    ("3", "Thu BHXH, BHYT, BHTN và giảm nợ đọng", 20, 2),
    ("4", "Phát triển người tham gia BHXH, BHYT", 20, 3),
    ("5", "Giải quyết, chi trả các chế độ BHXH, BHYT kịp thời", 10, 4),
    ("6", "Cải cách thủ tục hành chính", 10, 5),
    ("III", "Công tác khác", 20, None),
    ("7", "Thông tin, tuyên truyền", 10, 6),
    ("8", "Xây dựng Đảng, đoàn thể, văn hóa công sở", 10, 7),
]

# Self-assessed points of criteria 1..8 (totals in the comment).
SCORES = {
    "BHXH tỉnh Hải Dương": [10, 9.5, 19.5, 19.5, 10, 9.5, 9.75, 9.75],  # 97,5
    "BHXH tỉnh Tuyên Quang": [10, 9.5, 19.75, 19.5, 9.5, 9.5, 9.5, 9.5],  # 96,75
    "BHXH thành phố Hải Phòng": [9.5, 9.5, 19, 19.5, 9.5, 9.5, 9.5, 9.5],  # 95,5
    "BHXH tỉnh Bắc Ninh": [9.5, 9, 19.5, 19, 9.5, 9.25, 9.25, 9.25],  # 94,25
    "BHXH tỉnh Bắc Giang": [9.5, 9, 19.5, 19, 9, 9, 9.25, 9.25],  # 93,5
    "BHXH tỉnh Quảng Ninh": [9.5, 9, 19, 19, 9, 9, 9.25, 9.25],  # 93
    "BHXH tỉnh Vĩnh Phúc": [9, 9, 19, 18.75, 9, 9, 9.25, 9.25],  # 92,25
    "BHXH tỉnh Phú Thọ": [9, 9, 18.75, 18.5, 9, 9, 9, 9.25],  # 91,5
    "BHXH tỉnh Hưng Yên": [9, 9, 18.5, 18.25, 9, 9, 9, 9],  # 90,75
}

bold = Font(bold=True)


def self_book(name, slug):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tự chấm"
    ws.append(["BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2012"])
    ws.append([f"Đơn vị: {name}"])
    ws.append(["STT", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm"])
    pts = SCORES[name]
    for code, text, mx, i in CRITERIA:
        ws.append([code, text, mx, None if i is None else pts[i]])
        if i is None:
            ws.cell(ws.max_row, 2).font = bold
    ws.append([None, "Tổng cộng", 100, sum(pts)])
    ws.cell(ws.max_row, 2).font = bold
    ws.column_dimensions["B"].width = 52
    os.makedirs(f"{out}/tu-cham", exist_ok=True)
    wb.save(f"{out}/tu-cham/tu-cham-{slug}.xlsx")


def collection_book():
    """The cluster head's compiled collection table of the nine provinces."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Thu 2012"
    ws.append(["BHXH TỈNH HẢI DƯƠNG"])
    ws.append([None, None, "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2012 — CỤM THI ĐUA SỐ 1"])
    ws.append(["STT", "Đơn vị", "Thu BHXH, BHYT, BHTN", None, None])
    ws.append([None, None, "Kế hoạch năm (triệu đồng)", "Thực hiện lũy kế", "Cùng kỳ năm trước"])
    ws.merge_cells("C3:E3")
    for i, (name, _) in enumerate(MEMBERS, 1):
        plan, actual = COLLECTION[name]
        ws.append([i, name, plan, actual, round(actual / 1.2)])
    ws.append([None, "Ghi chú: số thu tính đến hết ngày 31/12/2012; đơn vị tính: triệu đồng."])
    ws.column_dimensions["B"].width = 30
    wb.save(f"{out}/chi-tieu-thu-2012-cum-1.xlsx")


ELIG_HEAD = [
    "STT",
    "Đơn vị",
    "Đã ký giao ước thi đua",
    "Tập thể lao động xuất sắc",
    "Hoàn thành vượt mức chỉ tiêu",
    "Bị hạ bậc xếp loại (khoản 4 Điều 13 QĐ 1779)",
    "Vi phạm nghiêm trọng",
    "Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
    "Nhân tố mới, mô hình mới",
    "Thành tích nổi bật",
]
NEW_MODEL = {
    "BHXH tỉnh Hải Dương": "Mô hình phối hợp liên ngành đôn đốc thu nợ BHXH, BHYT tại doanh nghiệp",
    "BHXH tỉnh Tuyên Quang": "Mô hình đại lý thu BHXH tự nguyện, BHYT hộ gia đình tại xã, thị trấn",
    "BHXH thành phố Hải Phòng": "Một cửa liên thông tiếp nhận hồ sơ tại bộ phận tiếp nhận",
}


def eligibility_book():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điều kiện xét"
    ws.append(["ĐIỀU KIỆN XÉT THI ĐUA NĂM 2012 — CỤM THI ĐUA SỐ 1"])
    ws.append(ELIG_HEAD)
    for i, (name, _) in enumerate(MEMBERS, 1):
        plan, actual = COLLECTION[name]
        rate = f"{actual * 100 / plan:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        ws.append([i, name, "Có", "Có", "Có", "Không", "Không", "Không", NEW_MODEL.get(name),
                   f"Hoàn thành {rate}% kế hoạch thu BHXH, BHYT, BHTN năm 2012."])
    wb.save(f"{out}/dieu-kien-xet-cum-1.xlsx")


VOTES = [
    ("BHXH tỉnh Hải Dương", "Cờ thi đua của BHXH Việt Nam", 9),
    ("BHXH tỉnh Tuyên Quang", "Cờ thi đua của BHXH Việt Nam", 8),
    ("BHXH thành phố Hải Phòng", "Cờ thi đua của BHXH Việt Nam", 2),
    ("BHXH tỉnh Hải Dương", "Cờ thi đua của Chính phủ", 8),
]


def vote_book():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kiểm phiếu"
    ws.append(["KẾT QUẢ BỎ PHIẾU BÌNH XÉT THI ĐUA NĂM 2012 — CỤM THI ĐUA SỐ 1"])
    ws.append(["Tổng số đơn vị thành viên: 9"])
    ws.append([])
    ws.append(["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"])
    for i, (u, a, v) in enumerate(VOTES, 1):
        ws.append([i, u, a, v])
    m = wb.create_sheet("Thông tin hội nghị")
    for k, v in [
        ("THÔNG TIN HỘI NGHỊ TỔNG KẾT NĂM 2012", None),
        ("Cụm/Khối", "Cụm thi đua số 1"),
        ("Thời gian", "Sáng ngày 21/02/2013"),
        ("Địa điểm", "BHXH tỉnh Hải Dương"),
        ("Chủ trì", "Đồng chí Nguyễn Trí Đại, Giám đốc BHXH tỉnh Hải Dương, Cụm trưởng"),
        ("Thư ký", None),
        ("Thành phần", "Đồng chí Đỗ Thị Xuân Phương, Phó Tổng Giám đốc BHXH Việt Nam; lãnh đạo một số ban nghiệp vụ BHXH Việt Nam; lãnh đạo BHXH 9 tỉnh, thành thuộc Cụm thi đua số 1"),
        ("Cụm trưởng", "BHXH tỉnh Hải Dương"),
        ("Cụm trưởng năm sau", "BHXH tỉnh Tuyên Quang"),
        ("Cụm phó năm sau", "BHXH tỉnh Quảng Ninh"),
    ]:
        m.append([k, v])
    m.column_dimensions["A"].width = 22
    m.column_dimensions["B"].width = 80
    for row in m.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(f"{out}/bo-phieu-hoi-nghi-cum-1.xlsx")


for name, slug in MEMBERS:
    self_book(name, slug)
collection_book()
eligibility_book()
vote_book()
print(f"wrote {out}")
