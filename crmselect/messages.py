"""Per-language strings for the CLI and core messages that a user reads.

Why a dict and not gettext here: CLI and core messages are few and must work from a plain
checkout without compiled catalogs; the web app uses Flask-Babel catalogs for its pages.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "Error", "tr": "Hata"},
    "problems_summary": {
        "en": "{n} problem{s} in {files} file{fs}; {what}.",
        "tr": "{files} dosyada {n} sorun; {what}.",
    },
    "problems": {"en": "{n} problems.", "tr": "{n} sorun."},
    "nothing_loaded": {"en": "nothing was loaded", "tr": "hiçbir şey yüklenmedi"},
    "catalog_not_loaded": {"en": "the catalog was not loaded", "tr": "katalog yüklenmedi"},
    "vendor_not_loaded": {"en": "the vendor was not loaded", "tr": "tedarikçi yüklenmedi"},
    "valid": {
        "en": "{path}: valid — {requirements} requirements, {vendors} vendors, {scenarios} "
        "scenarios, {evaluators} evaluators.",
        "tr": "{path}: geçerli — {requirements} gereksinim, {vendors} tedarikçi, {scenarios} "
        "senaryo, {evaluators} değerlendirici.",
    },
    "responses_imported": {
        "en": "{path}: {answered} requirement(s) answered, {unanswered} without an answer.",
        "tr": "{path}: {answered} gereksinim yanıtlandı, {unanswered} gereksinim yanıtsız.",
    },
    "interrupted": {"en": "Interrupted; nothing more was written.",
                    "tr": "Kesildi; başka bir şey yazılmadı."},
    # --- KPI calculator (crmselect/kpi.py, crmselect/cli/kpi.py) ---
    "kpi_unknown": {"en": "no such KPI '{name}'", "tr": "'{name}' adında bir KPI yok"},
    "kpi_did_you_mean": {"en": "did you mean {name}?", "tr": "{name} mi demek istediniz?"},
    "kpi_known": {"en": "known KPIs: {names}", "tr": "tanımlı KPI'lar: {names}"},
    "kpi_unknown_input": {"en": "unknown input '{name}' for KPI {kpi}",
                          "tr": "'{name}', {kpi} KPI'sının girdilerinden biri değil"},
    "kpi_takes": {"en": "it takes {names}", "tr": "girdileri: {names}"},
    "kpi_not_number": {"en": "input '{name}' must be a number, got {value}",
                       "tr": "'{name}' girdisi sayı olmalı, verilen değer: {value}"},
    "kpi_decimal_dot": {"en": "use a dot as the decimal separator, e.g. 12.5",
                        "tr": "ondalık ayırıcı olarak nokta kullanın, örneğin 12.5"},
    "kpi_negative": {"en": "input '{name}' must not be negative, got {value}",
                     "tr": "'{name}' girdisi negatif olamaz, verilen değer: {value}"},
    "kpi_missing_input": {
        "en": "KPI {kpi}: missing input {names}; it needs {needed}",
        "tr": "{kpi} KPI'sı için eksik girdi: {names}; gereken girdiler: {needed}",
    },
    "kpi_missing_inputs": {
        "en": "KPI {kpi}: missing inputs {names}; it needs {needed}",
        "tr": "{kpi} KPI'sı için eksik girdiler: {names}; gereken girdiler: {needed}",
    },
    "kpi_division_by_zero": {"en": "division by zero: {what} is 0 (KPI {kpi})",
                             "tr": "sıfıra bölme: {what} değeri 0 ({kpi} KPI'sı)"},
    "kpi_too_large": {"en": "KPI {kpi}: the result is too large to compute",
                      "tr": "{kpi} KPI'sı: sonuç hesaplanamayacak kadar büyük"},
    "kpi_file_not_mapping": {
        "en": "expected a mapping of input names to numbers, like 'customers_start: 900'",
        "tr": "girdi adlarını sayılara eşleyen bir yapı bekleniyordu, örneğin "
        "'customers_start: 900'",
    },
    "kpi_not_computed": {"en": "the KPI was not computed", "tr": "KPI hesaplanmadı"},
    "kpi_input_format": {"en": "expected NAME=VALUE, got '{value}'",
                         "tr": "AD=DEĞER bekleniyordu, verilen: '{value}'"},
    "kpi_input_twice": {"en": "input '{name}' is given twice",
                        "tr": "'{name}' girdisi iki kez verilmiş"},
    "kpi_formula": {"en": "formula", "tr": "formül"},
    "kpi_inputs": {"en": "inputs", "tr": "girdiler"},
    "kpi_direction": {"en": "direction", "tr": "yön"},
    "higher_is_better": {"en": "higher is better", "tr": "yüksek olması iyidir"},
    "lower_is_better": {"en": "lower is better", "tr": "düşük olması iyidir"},
    "kpi_list_headers": {"en": "id|unit|direction|name", "tr": "kimlik|birim|yön|ad"},
    "kpi_count": {"en": "{n} KPIs", "tr": "{n} KPI"},
    "unit_percent": {"en": "percent", "tr": "yüzde"},
    "unit_score": {"en": "score", "tr": "puan"},
    "unit_currency": {"en": "currency", "tr": "para birimi"},
    "unit_ratio": {"en": "ratio", "tr": "oran"},
    "unit_count": {"en": "count", "tr": "adet"},
    "unit_days": {"en": "days", "tr": "gün"},
    "unit_hours": {"en": "hours", "tr": "saat"},
    "unit_minutes": {"en": "minutes", "tr": "dakika"},
    # web form (crmselect serve / invite)
    "web_serving": {
        "en": "Serving '{project}' at {url} (evaluation database: {db}). Press Ctrl+C to stop.",
        "tr": "'{project}' {url} adresinde yayında (değerlendirme veritabanı: {db}). Durdurmak "
        "için Ctrl+C.",
    },
    "web_not_loopback": {
        "en": "Warning: listening on {host} without --behind-https: passwords and session "
        "cookies travel unencrypted. Put an https proxy in front and use --behind-https.",
        "tr": "Uyarı: {host} üzerinde --behind-https olmadan dinleniyor: parolalar ve oturum "
        "çerezleri şifrelenmeden taşınır. Önüne bir https vekil sunucu koyun ve "
        "--behind-https kullanın.",
    },
    "web_stopped": {"en": "Server stopped.", "tr": "Sunucu durduruldu."},
    "invite_expiry": {
        "en": "{n} invitation link(s); each works once and expires on {date}. Send each "
        "person only their own link.",
        "tr": "{n} davet bağlantısı; her biri bir kez kullanılabilir ve {date} tarihinde "
        "geçerliliğini yitirir. Her kişiye yalnızca kendi bağlantısını gönderin.",
    },
    "invite_nobody": {
        "en": "project.yaml lists no evaluators to invite",
        "tr": "project.yaml davet edilecek değerlendirici içermiyor",
    },
    "invite_no_such_person": {
        "en": "no evaluator '{id}' in project.yaml",
        "tr": "project.yaml içinde '{id}' adlı değerlendirici yok",
    },
    # --- scoring engine (crmselect/scoring/, crmselect/cli/scoring.py) ---
    "nothing_scored": {"en": "nothing was scored", "tr": "hiçbir şey puanlanmadı"},
    "criterion_functional": {"en": "functional fit", "tr": "fonksiyonel uygunluk"},
    "criterion_integration": {"en": "integration fit", "tr": "entegrasyon uygunluğu"},
    "criterion_non_functional": {"en": "non-functional fit",
                                 "tr": "fonksiyonel olmayan gereksinimlere uygunluk"},
    "criterion_test_drive": {"en": "test-drive results", "tr": "test sürüşü sonuçları"},
    "criterion_cost": {"en": "cost (TCO)", "tr": "maliyet (TCO)"},
    "criterion_references": {"en": "references", "tr": "referanslar"},
    "scoring_criterion_dropped": {
        "en": "No vendor has data for {criterion}: it was left out and the other criteria's "
        "weights were rescaled.",
        "tr": "Hiçbir tedarikçide {criterion} için veri yok: kriter hesaba katılmadı, diğer "
        "kriterlerin ağırlıkları yeniden ölçeklendi.",
    },
    "scoring_unweighted_siblings": {
        "en": "weights.{level} gives some items a weight but not these, which therefore weigh "
        "0: {names}.",
        "tr": "weights.{level} bazı öğelere ağırlık veriyor ama şunlara vermiyor; bu yüzden "
        "ağırlıkları 0 sayıldı: {names}.",
    },
    "scoring_empty_branch": {
        "en": "'{name}' has a weight but every requirement under it weighs 0; its weight went "
        "to its siblings.",
        "tr": "'{name}' için ağırlık verilmiş, ancak altındaki tüm gereksinimlerin ağırlığı 0; "
        "bu ağırlık aynı seviyedeki diğer öğelere dağıtıldı.",
    },
    "scoring_ahp_inconsistent": {
        "en": "The AHP matrix for {level} is inconsistent (CR {cr} > {limit}); the judgement "
        "that disagrees most is {a} vs {b}: {value} (about {suggested} would fit the others).",
        "tr": "{level} için AHP matrisi tutarsız (CR {cr} > {limit}); diğer yargılarla en çok "
        "çelişen karşılaştırma {a} – {b}: {value} (diğerleriyle uyumlu değer yaklaşık "
        "{suggested}).",
    },
    "scoring_duplicate_score": {
        "en": "{n} score(s) were entered twice by the same evaluator for the same vendor and "
        "target; the later one counts.",
        "tr": "{n} puan aynı değerlendirici tarafından aynı tedarikçi ve hedef için iki kez "
        "girilmiş; sonraki kayıt geçerli sayıldı.",
    },
    "scoring_no_price": {
        "en": "Vendor '{vendor}' gave no price: it has no TCO and its cost score is 0.",
        "tr": "'{vendor}' tedarikçisi fiyat vermedi: TCO hesaplanamadı ve maliyet puanı 0.",
    },
    "scoring_zero_tco": {
        "en": "Vendor '{vendor}' costs nothing over the horizon: no licence, implementation or "
        "support price was given; ask for a full quote before comparing costs.",
        "tr": "'{vendor}' tedarikçisinin ufuk boyunca maliyeti sıfır görünüyor: lisans, "
        "uygulama veya destek fiyatı verilmemiş; maliyetleri karşılaştırmadan önce eksiksiz "
        "bir teklif isteyin.",
    },
    "scoring_licence_fallback": {
        "en": "Vendor '{vendor}' has no price for the '{licence}' licence; its '{used}' price "
        "was used.",
        "tr": "'{vendor}' tedarikçisinin '{licence}' lisansı için fiyatı yok; '{used}' lisans "
        "fiyatı kullanıldı.",
    },
    "scoring_licence_price_missing": {
        "en": "Vendor '{vendor}' gives no licence price per user; licences count as 0 in its "
        "TCO.",
        "tr": "'{vendor}' tedarikçisi kullanıcı başına lisans fiyatı vermedi; TCO'da lisans "
        "maliyeti 0 sayıldı.",
    },
    "scoring_custom_no_day_rate": {
        "en": "Vendor '{vendor}' answers {requirement} with custom development but gives no "
        "day rate; the effort is not costed.",
        "tr": "'{vendor}' tedarikçisi {requirement} için özel geliştirme öneriyor ama gün "
        "ücreti vermedi; bu efor maliyete yansıtılmadı.",
    },
    "scoring_no_budget": {
        "en": "project.yaml sets no tco.target_budget, so the cost score falls back to the "
        "relative formula.",
        "tr": "project.yaml içinde tco.target_budget tanımlı değil; maliyet puanı göreli "
        "formüle geri döndü.",
    },
    "scoring_relative_price_formula": {
        "en": "Cost is scored relative to the cheapest bid (5 × lowest TCO / vendor's TCO): "
        "adding or removing a bid changes every vendor's cost score and can reverse the "
        "ranking. Set tco.target_budget and tco.ceiling for an absolute score.",
        "tr": "Maliyet en düşük teklife göre puanlanıyor (5 × en düşük TCO / tedarikçinin "
        "TCO'su): bir teklif eklemek veya çıkarmak tüm tedarikçilerin maliyet puanını "
        "değiştirir ve sıralamayı tersine çevirebilir. Mutlak puan için tco.target_budget ve "
        "tco.ceiling tanımlayın.",
    },
    "scoring_no_ceiling": {
        "en": "project.yaml sets no tco.ceiling; twice the target budget ({ceiling} "
        "{currency}) is used as the ceiling.",
        "tr": "project.yaml içinde tco.ceiling tanımlı değil; tavan olarak hedef bütçenin iki "
        "katı ({ceiling} {currency}) kullanıldı.",
    },
    "scoring_missing_scores": {
        "en": "Vendor '{vendor}' has no {criterion} score for {n} item(s) other vendors were "
        "scored on ({targets}); they count as 0.",
        "tr": "'{vendor}' tedarikçisinin, diğer tedarikçilerin puanlandığı {n} öğede "
        "{criterion} puanı yok ({targets}); bunlar 0 sayıldı.",
    },
    "scoring_missing_answers": {
        "en": "Vendor '{vendor}' has neither an answer nor a score for {n} requirement(s); "
        "they count as 0.",
        "tr": "'{vendor}' tedarikçisinin {n} gereksinim için ne yanıtı ne de puanı var; "
        "bunlar 0 sayıldı.",
    },
    "scoring_all_knocked_out": {
        "en": "Every vendor fails the knock-out on at least one must requirement; the ranking "
        "compares vendors that all fail.",
        "tr": "Tüm tedarikçiler en az bir zorunlu gereksinimde eleme kriterine takılıyor; "
        "sıralama, hepsi elenen tedarikçileri karşılaştırıyor.",
    },
    "scoring_short_horizon": {
        "en": "The TCO horizon is {years} year(s): under {minimum} years, first-year discounts "
        "hide the later years' costs.",
        "tr": "TCO ufku {years} yıl: {minimum} yıldan kısa bir ufukta ilk yıl indirimleri "
        "sonraki yılların maliyetini gizler.",
    },
    "scoring_weights_changed": {
        "en": "The weights were changed after scoring began (their fingerprint differs from "
        "the one stored with the scores).",
        "tr": "Ağırlıklar puanlama başladıktan sonra değiştirilmiş (parmak izleri puanlarla "
        "birlikte saklanandan farklı).",
    },
    "scoring_no_evaluator_scores": {
        "en": "No evaluator has scored yet: every requirement score is the vendor's own "
        "declaration.",
        "tr": "Henüz hiçbir değerlendirici puan vermedi: tüm gereksinim puanları tedarikçinin "
        "kendi beyanı.",
    },
    "scoring_single_evaluator": {
        "en": "Only one evaluator ({evaluator}) has scored: one person's view decides.",
        "tr": "Yalnızca bir değerlendirici ({evaluator}) puan verdi: karar tek kişinin "
        "görüşüne dayanıyor.",
    },
    "scoring_no_scenario_scored": {
        "en": "No test-drive scenario was scored: nothing the vendors claim has been seen "
        "working.",
        "tr": "Hiçbir test sürüşü senaryosu puanlanmadı: tedarikçilerin iddialarından hiçbiri "
        "çalışırken görülmedi.",
    },
    "scoring_must_unmet": {
        "en": "No vendor meets must requirement {requirement} (every score is below "
        "{threshold}).",
        "tr": "Hiçbir tedarikçi zorunlu gereksinim {requirement} için yeterli değil (tüm "
        "puanlar {threshold} altında).",
    },
    "scoring_short_implementation": {
        "en": "Vendor '{vendor}' promises implementation in {weeks} weeks; under {minimum} "
        "weeks is implausible for {users} users.",
        "tr": "'{vendor}' tedarikçisi {weeks} haftada devreye alma vaat ediyor; {users} "
        "kullanıcı için {minimum} haftadan kısa bir süre gerçekçi değil.",
    },
    "scoring_single_vendor": {
        "en": "Only one vendor is evaluated: there is nothing to compare it with.",
        "tr": "Yalnızca bir tedarikçi değerlendiriliyor: karşılaştırılacak başka teklif yok.",
    },
    "scoring_no_clear_winner": {
        "en": "No clear winner: {winner} leads {runner_up} by {lead} points and ranks first "
        "in {p_first} of the weight samples.",
        "tr": "Açık bir kazanan yok: {winner}, {runner_up} önünde {lead} puan farkla önde ve "
        "ağırlık örneklerinin {p_first} kadarında birinci.",
    },
    "scoring_unverified_discount_off": {
        "en": "{n} native claim(s) were not shown live and scoring.unverified_discount is 0: "
        "unverified claims count in full.",
        "tr": "{n} standart (hazır) iddia canlı gösterilmedi ve scoring.unverified_discount 0: "
        "doğrulanmamış iddialar tam puan alıyor.",
    },
    "scores_not_imported": {"en": "nothing was imported", "tr": "hiçbir şey içe aktarılmadı"},
    "scores_bad_extension": {"en": "{file}: use a .yaml, .yml or .csv file",
                             "tr": "{file}: .yaml, .yml veya .csv uzantılı bir dosya kullanın"},
    "csv_missing_columns": {"en": "missing column(s) {names}; expected {expected}",
                            "tr": "eksik sütun: {names}; beklenen sütunlar: {expected}"},
    "csv_unknown_columns": {"en": "unknown column(s) {names}; expected {expected}",
                            "tr": "bilinmeyen sütun: {names}; beklenen sütunlar: {expected}"},
    "csv_cells": {"en": "the row has {n} cells but the header has {m} (quote a note that holds "
                  "a comma)",
                  "tr": "satırda {n} hücre var ama başlıkta {m} sütun var (virgül içeren notu "
                  "tırnak içine alın)"},
    "csv_duplicate": {"en": "the same evaluator, vendor and target as line {line}",
                      "tr": "{line}. satırla aynı değerlendirici, tedarikçi ve hedef"},
    "scores_conflict": {"en": "scores.yaml already has {old}, the import has {new}",
                        "tr": "scores.yaml içinde zaten {old} var, içe aktarılan dosyada {new}"},
    "scores_conflict_hint": {"en": "use --force to overwrite",
                             "tr": "üzerine yazmak için --force kullanın"},
    "scores_exported": {"en": "{n} scores written to {file}",
                        "tr": "{n} puan {file} dosyasına yazıldı"},
    "scores_csv_only_scores": {
        "en": "CSV holds scores only: {demo} test-drive marks and {consensus} consensus "
        "records are not in it; export to .yaml to keep them.",
        "tr": "CSV yalnızca puanları içerir: {demo} test sürüşü işareti ve {consensus} uzlaşı "
        "kaydı dahil edilmedi; bunları korumak için .yaml olarak dışa aktarın.",
    },
    "scores_imported": {
        "en": "{file}: {added} added, {updated} updated, {unchanged} unchanged; written to "
        "{target}",
        "tr": "{file}: {added} eklendi, {updated} güncellendi, {unchanged} değişmedi; "
        "{target} dosyasına yazıldı",
    },
    "method_wsm": {"en": "weighted sum", "tr": "ağırlıklı toplam"},
    "method_topsis": {"en": "TOPSIS", "tr": "TOPSIS"},
    "score_title": {"en": "{project} — {method}, {years}-year TCO in {currency}",
                    "tr": "{project} — {method}, {years} yıllık TCO ({currency})"},
    "score_col_rank": {"en": "Rank", "tr": "Sıra"},
    "score_col_vendor": {"en": "Vendor", "tr": "Tedarikçi"},
    "score_col_total": {"en": "Total", "tr": "Toplam"},
    "score_col_area": {"en": "Area", "tr": "Alan"},
    "score_knocked": {"en": "knocked out", "tr": "elendi"},
    "unpriced": {"en": "no price", "tr": "fiyat yok"},
    "crit_short_functional": {"en": "Functional", "tr": "Fonksiyonel"},
    "crit_short_integration": {"en": "Integration", "tr": "Entegrasyon"},
    "crit_short_non_functional": {"en": "Non-functional", "tr": "Fonks. dışı"},
    "crit_short_test_drive": {"en": "Test drive", "tr": "Test sürüşü"},
    "crit_short_cost": {"en": "Cost", "tr": "Maliyet"},
    "crit_short_references": {"en": "References", "tr": "Referans"},
    "score_scale_note": {
        "en": "Criterion scores 0–5 with their weights; total 0–100. Knocked-out vendors are "
        "ranked last.",
        "tr": "Kriter puanları 0–5, ağırlıklarıyla birlikte; toplam 0–100. Elenen tedarikçiler "
        "en sona sıralanır.",
    },
    "score_winner": {"en": "Winner: {name} ({total} points)",
                     "tr": "Kazanan: {name} ({total} puan)"},
    "score_no_winner": {"en": "No vendor passes the knock-out.",
                        "tr": "Hiçbir tedarikçi eleme kriterlerini geçemedi."},
    "score_areas": {"en": "By area (0–5; weight of the area in the total)",
                    "tr": "Alanlara göre (0–5; alanın toplamdaki ağırlığı)"},
    "score_knockouts": {"en": "Knock-outs (must requirements scored below {threshold})",
                        "tr": "Eleme kriterleri ({threshold} altında puan alan zorunlu "
                        "gereksinimler)"},
    "score_knockout_line": {"en": "{vendor}: {requirement} scored {score} ({source})",
                            "tr": "{vendor}: {requirement} puanı {score} ({source})"},
    "source_evaluated": {"en": "evaluated", "tr": "değerlendirici puanı"},
    "source_declared": {"en": "declared", "tr": "tedarikçi beyanı"},
    "source_consensus": {"en": "consensus", "tr": "uzlaşı"},
    "source_missing": {"en": "no answer", "tr": "yanıt yok"},
    "score_disagreements": {
        "en": "Disagreements for the consensus meeting (spread of {spread} or more)",
        "tr": "Uzlaşı toplantısı için görüş ayrılıkları ({spread} veya daha fazla fark)",
    },
    "score_disagreement_line": {
        "en": "{vendor} › {target}: {scores} (spread {spread}, {n} evaluators){consensus}",
        "tr": "{vendor} › {target}: {scores} (fark {spread}, {n} değerlendirici){consensus}",
    },
    "score_consensus_suffix": {"en": "; consensus {score}", "tr": "; uzlaşı {score}"},
    "score_risks": {"en": "Risks", "tr": "Riskler"},
    "risk_upgrade": {
        "en": "{vendor} › {requirement}: custom development, {days} days ({cost}) — upgrade "
        "risk",
        "tr": "{vendor} › {requirement}: özel geliştirme, {days} gün ({cost}) — sürüm "
        "yükseltme riski",
    },
    "risk_third_party": {
        "en": "{vendor} › {requirement}: third-party product {product}, {cost} a year",
        "tr": "{vendor} › {requirement}: üçüncü taraf ürün {product}, yıllık {cost}",
    },
    "risk_third_party_included": {
        "en": "{vendor} › {requirement}: third-party product {product}, its cost counted elsewhere",
        "tr": "{vendor} › {requirement}: üçüncü taraf ürün {product}, maliyeti başka yerde sayıldı",
    },
    "risk_commitment": {
        "en": "{vendor} › {requirement}: on the roadmap for {date} — put it in the contract",
        "tr": "{vendor} › {requirement}: {date} için yol haritasında — sözleşmeye yazdırın",
    },
    "score_warnings": {"en": "Warnings", "tr": "Uyarılar"},
    "sens_title": {"en": "Sensitivity of the winner ({winner}) to the criteria weights",
                   "tr": "Kazananın ({winner}) kriter ağırlıklarına duyarlılığı"},
    "sens_headers": {
        "en": "Criterion|Weight|Another vendor wins if raised to|… if lowered to",
        "tr": "Kriter|Ağırlık|Şu değere çıkarsa başka tedarikçi kazanır|… şu değere inerse",
    },
    "sens_flip": {"en": "{weight} ({vendor})", "tr": "{weight} ({vendor})"},
    "sens_never": {"en": "never", "tr": "hiçbir değerde"},
    "mc_title": {
        "en": "Monte Carlo: {samples} weight samples (Dirichlet, concentration "
        "{concentration}, seed {seed})",
        "tr": "Monte Carlo: {samples} ağırlık örneği (Dirichlet, yoğunlaşma {concentration}, "
        "tohum {seed})",
    },
    "mc_headers": {"en": "Vendor|P(first)", "tr": "Tedarikçi|Birinci olma olasılığı"},
    "mc_progress": {"en": "Monte Carlo", "tr": "Monte Carlo"},
    "ahp_weights": {"en": "Weights ({method})", "tr": "Ağırlıklar ({method})"},
    "ahp_headers": {"en": "Item|Weight", "tr": "Öğe|Ağırlık"},
    "ahp_method_eigenvector": {"en": "principal eigenvector", "tr": "temel özvektör"},
    "ahp_method_geometric": {"en": "row geometric means", "tr": "satır geometrik ortalamaları"},
    "ahp_method_approximate": {"en": "normalised column averages",
                               "tr": "normalize edilmiş sütun ortalamaları"},
    "ahp_consistent": {"en": "Consistent: CR ≤ 0.10.", "tr": "Tutarlı: CR ≤ 0.10."},
    "ahp_inconsistent": {"en": "Inconsistent: CR > 0.10 — revise the judgements.",
                         "tr": "Tutarsız: CR > 0.10 — karşılaştırmaları gözden geçirin."},
    "ahp_pair": {
        "en": "Most inconsistent judgement: {a} vs {b} = {value}; about {suggested} would fit "
        "the other judgements.",
        "tr": "En tutarsız karşılaştırma: {a} – {b} = {value}; diğer karşılaştırmalarla "
        "uyumlu değer yaklaşık {suggested}.",
    },
    # --- reports and plans (crmselect/cli/reports.py) ---
    "build_no_vendors": {
        "en": "comparison report skipped: the project lists no vendors yet",
        "tr": "karşılaştırma raporu atlandı: projede henüz tedarikçi yok",
    },
    "build_written": {"en": "{n} files written to {folder}",
                      "tr": "{folder} klasörüne {n} dosya yazıldı"},
    "report_winner": {"en": "winner: {name} ({total} points)",
                      "tr": "kazanan: {name} ({total} puan)"},
    "report_no_winner": {"en": "no vendor passes the knock-out criteria",
                         "tr": "hiçbir tedarikçi eleme kriterlerini geçemiyor"},
    "migration_vendor": {"en": "planned for: {name}", "tr": "planlanan tedarikçi: {name}"},
    "migration_no_vendor": {"en": "planned without a vendor (none chosen yet)",
                            "tr": "tedarikçisiz planlandı (henüz seçilmedi)"},
}


def current_language(default: str = "en") -> str:
    """The CLI language: ``CRMSELECT_LANG``, else the locale (``tr_TR…`` → tr), else ``default``."""
    for var in ("CRMSELECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "tr" if value.lower().startswith("tr") else "en"
    return default


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The message ``key`` in ``lang`` (current language by default), formatted with kwargs."""
    lang = lang or current_language()
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**kwargs)
