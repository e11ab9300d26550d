"""Monthly case figures (CaseStat): their import page and form. The file reading and checking
is in campaigns/importing/cases.py and the case reports in campaigns/reports/cases.py."""
