"""Writes tests/fixtures/import/fpdf2.pdf with fpdf2 (pip install fpdf2), a third PDF producer:
embedded DejaVu subsets, justified text, a running head and page numbers from page 2, the same
section printed three times (repeated text that is not a pull quote). The file is committed."""
from fpdf import FPDF
class P(FPDF):
    def header(self):
        if self.page_no() > 1:
            self.set_font("dv", size=8); self.cell(0, 8, "Central Asia Energy Monitor — Working Paper 7", align="C"); self.ln(12)
    def footer(self):
        self.set_y(-15); self.set_font("dv", size=8); self.cell(0, 10, f"{self.page_no()}", align="C")
pdf = P(format="A4")
pdf.add_font("dv", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
pdf.add_font("dv", style="B", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
pdf.set_title("Water and Power in the Fergana Valley"); pdf.set_author("Zarina Yusupova")
pdf.set_creation_date(__import__('datetime').datetime(2024, 9, 18))
pdf.add_page()
pdf.set_font("dv", "B", 18); pdf.multi_cell(0, 9, "Water and Power in the Fergana Valley", align="C"); pdf.ln(2)
pdf.set_font("dv", size=11); pdf.cell(0, 6, "Zarina Yusupova", align="C"); pdf.ln(12)
paras = [
 ("Introduction", None),
 (None, "The Fergana Valley is shared by Uzbekistan, Kyrgyzstan and Tajikistan. Its rivers, the Naryn and the Kara Darya, join near Namangan to form the Syr Darya, and almost every farm in the valley depends on water released upstream in Kyrgyzstan."),
 (None, "In winter Kyrgyzstan needs electricity and releases water through the Toktogul dam; in summer the farms downstream need it for cotton and wheat. For three decades the two needs have been traded against each other, with Uzbek gas and coal sent north in exchange for summer water."),
 ("The Kambarata project", None),
 (None, "The proposed Kambarata-1 dam on the Naryn would add more than a gigawatt of capacity. Uzbekistan, once opposed to new dams upstream, agreed in 2023 to take part in building it, together with Kazakhstan, which also relies on the Syr Darya for its southern provinces around Shymkent and Kyzylorda."),
 (None, "Engineers in Bishkek and Tashkent now describe the project as shared infrastructure rather than a threat. Whether the water will flow when it is needed downstream will depend on rules that have yet to be written."),
] * 3
for h, t in paras:
    if h:
        pdf.set_font("dv", "B", 12); pdf.ln(3); pdf.cell(0, 7, h); pdf.ln(9)
    else:
        pdf.set_font("dv", size=10.5); pdf.multi_cell(0, 5.5, t, align="J"); pdf.ln(3)
import os
pdf.output(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "import", "fpdf2.pdf"))
