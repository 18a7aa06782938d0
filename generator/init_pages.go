package main

// scaffoldPages are the example pages `mehfooz init` writes, one of every
// kind, by language; a language with none here gets the English ones to
// translate. {{name}} is the site's name and {{today}} the date.
var scaffoldPages = map[string]map[string]string{
	"en": {
		"_index.md": `---
title: "{{name}}"
description: "Free, private help for people facing online harassment: what to do first and where to get help."
reviewed: {{today}}
---

If someone is harassing, threatening or blackmailing you online, this site can help you take the next step. It is not your fault, and you are not alone.

- [What is happening to you? Find your first steps](start/_index.md)
- [Guides](guides/_index.md)
- [Report on a platform](platforms/_index.md)
- [File a complaint](complaint/_index.md)
- [For trainers: workshops](workshops/_index.md)
`,
		"about.md": `---
title: "About {{name}}"
description: "Who runs this site, what it does not collect about you, and how its facts are checked."
kind: page
reviewed: {{today}}
---

## Who we are

Write here who runs this site and how to reach you.

## What this site does not collect

No cookies, no tracking, no analytics, and no requests to other websites. Search runs on your phone.
`,
		"start/_index.md": `---
title: "What is happening to you?"
description: "Answer a few short questions to find the steps and the help that fit what is happening to you."
weight: 1
reviewed: {{today}}
---

Choose the answer that is closest to what is happening. There are no wrong answers.

- [I am in danger right now](danger-now.md)
- [Something else](../guides/_index.md)
`,
		"start/danger-now.md": `---
title: "You are in danger right now"
description: "If you could be hurt soon, get to safety and call for help first, because everything else can wait."
reviewed: {{today}}
---

## What to do first

1. If you can, go somewhere safer, with people you trust.
2. Call the helpline on {{< fact "example-helpline" >}}.
3. When you are safe, [keep the messages as evidence](../guides/keep-evidence.md).

[Start again](_index.md)
`,
		"guides/_index.md": `---
title: "Guides"
description: "Step-by-step guides: what to do first and where to get help."
reviewed: {{today}}
---

Each guide starts with what to do first, then gives the steps, then says where to get help.
`,
		"guides/keep-evidence.md": `---
title: "How to keep evidence"
description: "Save messages, pictures and links safely before you report or block, so you can use them later."
topics: [evidence]
reviewed: {{today}}
---

## What to do first

1. Take screenshots that show the date, the time and the account name.
2. Copy the link of each post or profile.
3. Keep the copies somewhere only you can open.

## Where to get help

Call the helpline on {{< fact "example-helpline" >}}.
`,
		"platforms/_index.md": `---
title: "Report on a platform"
description: "How to report harassment, fake accounts and shared pictures on the platforms people use most."
reviewed: {{today}}
---

Choose the platform where it is happening.
`,
		"platforms/example-platform.md": `---
title: "Example platform: report an account"
description: "How to report an account that harasses you, and what happens after you report."
reviewed: {{today}}
---

## Report an account

Write the menu steps here, as the platform's own help page gives them, and add that page under sources.
`,
		"complaint/_index.md": `---
title: "File a complaint"
description: "Where to complain about online harm, and what to have ready before you do."
reviewed: {{today}}
---

## What to have ready

- Your evidence: see [how to keep evidence](../guides/keep-evidence.md).
- An identity document.
`,
		"workshops/_index.md": `---
title: "Workshops"
description: "Session plans for trainers, with the guides each session uses."
reviewed: {{today}}
---

Session plans for trainers.

- [A first session on staying safe online](first-session.md)
`,
		"workshops/first-session.md": `---
title: "A first session on staying safe online"
description: "A 60-minute session on keeping evidence and getting help."
duration: "60 minutes"
audience: "Anyone, 16 and over"
guides:
  - ../guides/keep-evidence.md
reviewed: {{today}}
---

## Plan

1. Ten minutes: what people in the room have seen happen online.
2. Thirty minutes: go through the guide together.
3. Twenty minutes: questions, and where to get help.
`,
	},
	"ur": {
		"_index.md": `---
title: "{{name}}"
description: "آن لائن ہراسانی کا سامنا کرنے والوں کے لیے مفت اور محفوظ مدد: سب سے پہلے کیا کریں اور مدد کہاں سے ملے۔"
reviewed: {{today}}
---

اگر کوئی آپ کو آن لائن تنگ کر رہا ہے، دھمکیاں دے رہا ہے یا بلیک میل کر رہا ہے تو یہ ویب سائٹ اگلا قدم اٹھانے میں آپ کی مدد کر سکتی ہے۔ اس میں آپ کا کوئی قصور نہیں، اور آپ اکیلے نہیں ہیں۔

- [آپ کے ساتھ کیا ہو رہا ہے؟ پہلے قدم جانیں](start/_index.md)
- [گائیڈز](guides/_index.md)
- [پلیٹ فارم کو رپورٹ کریں](platforms/_index.md)
- [شکایت درج کریں](complaint/_index.md)
- [ٹرینرز کے لیے: ورکشاپس](workshops/_index.md)
`,
		"about.md": `---
title: "{{name}} کے بارے میں"
description: "یہ ویب سائٹ کون چلاتا ہے، یہ آپ کے بارے میں کیا جمع نہیں کرتی، اور معلومات کیسے جانچی جاتی ہیں۔"
kind: page
reviewed: {{today}}
---

## ہم کون ہیں

یہاں لکھیں کہ یہ ویب سائٹ کون چلاتا ہے اور آپ سے کیسے رابطہ ہو سکتا ہے۔

## یہ ویب سائٹ کیا جمع نہیں کرتی

نہ کوکیز، نہ نگرانی، نہ اعداد و شمار جمع کرنے والے ٹول، اور کسی دوسری ویب سائٹ سے کچھ نہیں منگوایا جاتا۔ تلاش آپ کے فون پر ہی ہوتی ہے۔
`,
		"start/_index.md": `---
title: "آپ کے ساتھ کیا ہو رہا ہے؟"
description: "چند مختصر سوالوں کے جواب دیں اور وہ قدم اور مدد تلاش کریں جو آپ کی صورتحال کے مطابق ہوں۔"
weight: 1
reviewed: {{today}}
---

جو بات آپ کے ساتھ ہونے والی صورتحال کے سب سے قریب ہو، وہ چنیں۔ کوئی جواب غلط نہیں۔

- [میں اس وقت خطرے میں ہوں](danger-now.md)
- [کچھ اور](../guides/_index.md)
`,
		"start/danger-now.md": `---
title: "آپ اس وقت خطرے میں ہیں"
description: "اگر جلد کوئی آپ کو نقصان پہنچا سکتا ہے تو پہلے محفوظ جگہ جائیں اور مدد کے لیے فون کریں، باقی سب بعد میں۔"
reviewed: {{today}}
---

## سب سے پہلے کیا کریں

1. اگر ہو سکے تو کسی محفوظ جگہ چلے جائیں، جہاں ایسے لوگ ہوں جن پر آپ بھروسا کرتے ہیں۔
2. ہیلپ لائن کو {{< fact "example-helpline" >}} پر فون کریں۔
3. جب آپ محفوظ ہو جائیں تو [پیغامات کو ثبوت کے طور پر سنبھال کر رکھیں](../guides/keep-evidence.md)۔

[دوبارہ شروع کریں](_index.md)
`,
		"guides/_index.md": `---
title: "گائیڈز"
description: "قدم بہ قدم گائیڈز: سب سے پہلے کیا کریں اور مدد کہاں سے ملے۔"
reviewed: {{today}}
---

ہر گائیڈ پہلے بتاتی ہے کہ سب سے پہلے کیا کریں، پھر باقی قدم، اور آخر میں یہ کہ مدد کہاں سے ملے گی۔
`,
		"guides/keep-evidence.md": `---
title: "ثبوت کیسے محفوظ کریں"
description: "رپورٹ یا بلاک کرنے سے پہلے پیغامات، تصویریں اور لنک محفوظ کر لیں، تاکہ بعد میں کام آئیں۔"
topics: [evidence]
reviewed: {{today}}
---

## سب سے پہلے کیا کریں

1. ایسے اسکرین شاٹ لیں جن میں تاریخ، وقت اور اکاؤنٹ کا نام نظر آئے۔
2. ہر پوسٹ یا پروفائل کا لنک کاپی کر لیں۔
3. یہ کاپیاں ایسی جگہ رکھیں جسے صرف آپ کھول سکیں۔

## مدد کہاں سے ملے

ہیلپ لائن کو {{< fact "example-helpline" >}} پر فون کریں۔
`,
		"platforms/_index.md": `---
title: "پلیٹ فارم کو رپورٹ کریں"
description: "زیادہ استعمال ہونے والے پلیٹ فارمز پر ہراسانی، جعلی اکاؤنٹس اور شیئر کی گئی تصویروں کی رپورٹ کیسے کریں۔"
reviewed: {{today}}
---

وہ پلیٹ فارم چنیں جہاں یہ ہو رہا ہے۔
`,
		"platforms/example-platform.md": `---
title: "مثال کا پلیٹ فارم: اکاؤنٹ کی رپورٹ کریں"
description: "تنگ کرنے والے اکاؤنٹ کی رپورٹ کیسے کریں، اور رپورٹ کے بعد کیا ہوتا ہے۔"
reviewed: {{today}}
---

## اکاؤنٹ کی رپورٹ کریں

یہاں مینیو کے قدم اسی طرح لکھیں جیسے پلیٹ فارم کے اپنے مدد کے صفحے پر دیے گئے ہیں، اور اس صفحے کو ذرائع میں شامل کریں۔
`,
		"complaint/_index.md": `---
title: "شکایت درج کریں"
description: "آن لائن نقصان کی شکایت کہاں کریں، اور اس سے پہلے کیا تیار رکھیں۔"
reviewed: {{today}}
---

## کیا تیار رکھیں

- آپ کے ثبوت: دیکھیں [ثبوت کیسے محفوظ کریں](../guides/keep-evidence.md)۔
- شناختی کارڈ۔
`,
		"workshops/_index.md": `---
title: "ورکشاپس"
description: "ٹرینرز کے لیے نشستوں کے منصوبے، اور ہر نشست میں استعمال ہونے والی گائیڈز۔"
reviewed: {{today}}
---

ٹرینرز کے لیے نشستوں کے منصوبے۔

- [آن لائن محفوظ رہنے پر پہلی نشست](first-session.md)
`,
		"workshops/first-session.md": `---
title: "آن لائن محفوظ رہنے پر پہلی نشست"
description: "ثبوت محفوظ کرنے اور مدد حاصل کرنے پر 60 منٹ کی نشست۔"
duration: "60 منٹ"
audience: "کوئی بھی، 16 سال اور اس سے زیادہ عمر"
guides:
  - ../guides/keep-evidence.md
reviewed: {{today}}
---

## منصوبہ

1. دس منٹ: کمرے میں موجود لوگوں نے آن لائن کیا ہوتے دیکھا ہے۔
2. تیس منٹ: مل کر گائیڈ پڑھیں۔
3. بیس منٹ: سوالات، اور یہ کہ مدد کہاں سے ملے۔
`,
	},
}
