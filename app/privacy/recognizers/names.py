"""Small built-in name lists: for spotting lower-cased names in ASR output and for fake values.

Names that are also common words ("will", "mark", "grace") are listed apart:
they count only when capitalised.
"""
from __future__ import annotations

FIRST_NAMES = frozenset("""
aaron abigail adam adrian ahmed aisha alan albert alex alexander alexandra alice alicia alison amanda amelia amir amy
andrea andrew angela anna anne anthony antonio arjun ashley barbara beatrice ben benjamin beth bethany brian bridget
carlos carol caroline catherine charles charlie charlotte chen chloe chris christina christine christopher claire
daniel david deborah dennis diana diane dmitri donald dorothy edward elena elizabeth ella emily emma eric erica ethan
fatima fiona francesca gary george hannah harry helen henry hiroshi ian isabella jacob james jane janet jason jennifer
jeremy jessica joan john jonathan jose joseph joshua julia julie karen katherine kathleen kenneth kevin kimberly laura
lauren liam linda lisa lucas lucy luis margaret maria marie martha martin mary matthew maya megan melissa michael
michelle mohammed muhammad nancy natalie nathan nicholas nicole noah oliver olivia omar oscar pamela patricia paul
peter priya rachel rebecca richard robert ryan samantha samuel sandra sarah scott sean sharon sheila simon sophia
sophie stephanie stephen steven susan thomas timothy tom tyler victoria vincent walter wei william zoe diego sanjay
raj ravi nadia yusuf kwame chidi ngozi tomas lars ingrid sven kenji yuki mei li jun anil deepak sunita
""".split())
AMBIGUOUS_FIRST_NAMES = frozenset("""
will mark bill grace may june april rose hope faith joy amber summer dawn sue pat art rich frank jack jean iris
ruby crystal penny holly ivy august sunny guy chase hunter miles wade
""".split())
SURNAMES = frozenset("""
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson
thomas taylor moore jackson martin lee thompson harris clark lewis robinson walker young allen king wright scott
torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts patel shah khan singh
kumar okafor okonkwo mensah kowalski novak muller schmidt fischer weber rossi russo ferrari dubois moreau tanaka
suzuki sato yamamoto kim park wang zhang liu chen murphy kelly sullivan obrien byrne walsh ryan evans hughes morgan
price reed cooper bailey cox howard ward peterson gray ramirez watson brooks sanders bennett wood barnes ross
henderson coleman jenkins perry powell long patterson fitzgerald ivanov petrov popescu andersson nilsson larsen
""".split())
