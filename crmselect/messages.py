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
    # writing files (crmselect/atomicfile.py)
    "write_parent_is_file": {"en": "cannot write the file: {parent} is a file, not a folder",
                             "tr": "dosya yazılamıyor: {parent} bir dosya, klasör değil"},
    "write_is_folder": {"en": "cannot write the file: a folder has this name",
                        "tr": "dosya yazılamıyor: bu adda bir klasör var"},
    "write_not_permitted": {
        "en": "cannot write the file: permission denied (a read-only folder or file?)",
        "tr": "dosya yazılamıyor: izin verilmedi (salt okunur bir klasör ya da dosya mı?)",
    },
    "write_disk_full": {"en": "cannot write the file: the disk is full",
                        "tr": "dosya yazılamıyor: disk dolu"},
    "write_failed": {"en": "cannot write the file: {error}", "tr": "dosya yazılamıyor: {error}"},
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
    "catalog_summary_headers": {"en": "area|group|requirements", "tr": "alan|grup|gereksinim"},
    "catalog_summary_counts": {
        "en": "{requirements} requirements, {kpis} KPIs, {scenarios} scenarios, {terms} "
        "glossary terms",
        "tr": "{requirements} gereksinim, {kpis} KPI, {scenarios} senaryo, {terms} sözlük terimi",
    },
    "catalog_list_headers": {"en": "id|group|priority|title",
                             "tr": "kimlik|grup|öncelik|başlık"},
    "vendors_list_headers": {"en": "id|product|deployment|licence|responses|as of",
                             "tr": "kimlik|ürün|kurulum|lisans|yanıt|tarih"},
    "vendors_illustrative": {"en": "* illustrative example, not a real offer",
                             "tr": "* örnek amaçlıdır, gerçek bir teklif değildir"},
    "kpi_count": {"en": "{n} KPIs", "tr": "{n} KPI"},
    # loose ends (issue 17): KPI inputs, catalog counts, default area weights
    "kpi_inputs_contradict": {
        "en": "KPI {kpi}: the inputs contradict each other: {parts} ({part}) is more than "
        "{whole} ({limit})",
        "tr": "{kpi} KPI'sı: girdiler birbiriyle çelişiyor: {parts} ({part}), {whole} "
        "({limit}) değerinden büyük olamaz",
    },
    "catalog_search_count": {"en": "{n} requirements match '{text}'.",
                             "tr": "'{text}' ile eşleşen {n} gereksinim bulundu."},
    "catalog_search_count_one": {"en": "1 requirement matches '{text}'.",
                                 "tr": "'{text}' ile eşleşen 1 gereksinim bulundu."},
    "catalog_search_none": {"en": "no requirement matches '{text}'",
                            "tr": "'{text}' ile eşleşen gereksinim yok"},
    "catalog_list_count": {"en": "{n} requirements listed.", "tr": "{n} gereksinim listelendi."},
    "catalog_list_count_one": {"en": "1 requirement listed.", "tr": "1 gereksinim listelendi."},
    "scoring_areas_defaulted": {
        "en": "project.yaml sets no weights.areas, so the functional areas ({areas}) share the "
        "functional weight equally: {area_share} each, {area_total} of the total. Set "
        "weights.areas to weigh them yourself.",
        "tr": "project.yaml içinde weights.areas tanımlı değil; bu yüzden fonksiyonel alanlar "
        "({areas}) fonksiyonel ağırlığı eşit paylaşıyor: her birinin payı {area_share}, toplam "
        "içindeki payı {area_total}. Alanları kendiniz ağırlıklandırmak için weights.areas "
        "tanımlayın.",
    },
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
    # web server security (crmselect/webapp/signingkey.py, crmselect/cli/web.py)
    "web_signing_key": {
        "en": "{path}: the key that signs session cookies cannot be read or made ({error}). "
        "Set CRMSELECT_DATA_DIR to a folder of your own, or CRMSELECT_SECRET_KEY.",
        "tr": "{path}: oturum çerezlerini imzalayan anahtar okunamıyor ya da oluşturulamıyor "
        "({error}). CRMSELECT_DATA_DIR değişkenini size ait bir klasöre ya da "
        "CRMSELECT_SECRET_KEY değişkenini ayarlayın.",
    },
    "web_signing_key_short": {
        "en": "CRMSELECT_SECRET_KEY has {n} characters; it needs at least {min} (for example "
        "the output of: python -c \"import secrets; print(secrets.token_hex(32))\")",
        "tr": "CRMSELECT_SECRET_KEY {n} karakter; en az {min} karakter olmalı (örneğin şu "
        "komutun çıktısı: python -c \"import secrets; print(secrets.token_hex(32))\")",
    },
    "web_old_key_discarded": {
        "en": "The session key this evaluation database held (crmselect 0.1) was deleted: it "
        "may have been shared with the database. Everyone signs in again once.",
        "tr": "Bu değerlendirme veritabanında tutulan oturum anahtarı (crmselect 0.1) silindi: "
        "veritabanıyla birlikte paylaşılmış olabilir. Herkes bir kez yeniden oturum açar.",
    },
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
    "scoring_no_budget": {  # also says what the relative formula does (one warning, not two)
        "en": "project.yaml sets no tco.target_budget, so cost is scored relative to the "
        "cheapest bid (5 × lowest TCO / vendor's TCO): adding or removing a bid changes every "
        "vendor's cost score and can reverse the ranking. Set tco.target_budget and tco.ceiling "
        "for an absolute score.",
        "tr": "project.yaml içinde tco.target_budget tanımlı değil; bu yüzden maliyet en düşük "
        "teklife göre puanlanıyor (5 × en düşük TCO / tedarikçinin TCO'su): bir teklif eklemek "
        "veya çıkarmak tüm tedarikçilerin maliyet puanını değiştirir ve sıralamayı tersine "
        "çevirebilir. Mutlak puan için tco.target_budget ve tco.ceiling tanımlayın.",
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
    "scoring_winner_over_ceiling": {
        "en": "The winner '{winner}' costs {tco} {currency} over the TCO horizon, above the "
        "ceiling of {ceiling} {currency}: its cost score is 0 and it wins on the other "
        "criteria. Check the budget before deciding.",
        "tr": "Kazanan '{winner}' tedarikçisinin dönem boyunca maliyeti {tco} {currency}; bu, "
        "{ceiling} {currency} tavanının üzerinde: maliyet puanı 0 ve diğer kriterlerle "
        "kazanıyor. Karar vermeden önce bütçeyi kontrol edin.",
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
    # --- scoring integrity (issue 9: answers stand alone, desk research, cost warnings, FX,
    # present value, declared vs judged effort, scoring fingerprint, unverified discount) ---
    "scoring_no_response": {
        "en": "No response received from '{vendor}': its requirements score 0 unless "
        "evaluators score them, and it has no price (its profile is not used; "
        "crmselect vendors compare shows the desk research).",
        "tr": "'{vendor}' tedarikçisinden yanıt gelmedi: gereksinimleri değerlendiriciler "
        "puanlamadıkça 0 alır ve fiyatı yoktur (profili kullanılmaz; masa başı araştırma "
        "için: crmselect vendors compare).",
    },
    "source_no_answer": {"en": "no answer", "tr": "yanıt yok"},
    "scoring_illustrative_winner": {
        "en": "'{vendor}' ranks first, but its profile is illustrative: a made-up example that "
        "describes no real offer. Do not choose it; compare real vendors' responses.",
        "tr": "'{vendor}' ilk sırada, ancak profili örnek amaçlıdır: gerçek bir teklifi "
        "yansıtmayan, uydurma bir örnek. Bunu seçmeyin; gerçek tedarikçilerin yanıtlarını "
        "karşılaştırın.",
    },
    "compare_label": {
        "en": "DESK RESEARCH — scored from the vendor profiles alone, not from the vendors' "
        "responses to the RFP, with no evaluator scores; the project's own requirements are left "
        "out. For the short-list only.",
        "tr": "MASA BAŞI ARAŞTIRMA — tedarikçilerin teklif isteğine yanıtlarından değil, "
        "yalnızca tedarikçi profillerinden puanlandı; değerlendirici puanı yok, projeye özel "
        "gereksinimler dışarıda bırakıldı. Yalnızca kısa liste içindir.",
    },
    "compare_footer": {
        "en": "Profiles are desk research: declared compliance and list prices, not answers "
        "or quotes. Rank the vendors' responses with: crmselect score",
        "tr": "Profiller masa başı araştırmadır: beyan edilen uyum ve liste fiyatları, yanıt "
        "ya da teklif değildir. Tedarikçilerin yanıtlarını sıralamak için: crmselect score",
    },
    "scoring_all_over_ceiling": {
        "en": "Every bid is over the budget ceiling of {ceiling} {currency}: {overshoots} "
        "{currency}. Every vendor's cost score is 0, so the ranking rests on the other "
        "criteria; revisit the budget or negotiate before deciding.",
        "tr": "Tüm teklifler {ceiling} {currency} bütçe tavanının üzerinde: {overshoots} "
        "{currency}. Tüm tedarikçilerin maliyet puanı 0 olduğundan sıralama diğer kriterlere "
        "dayanıyor; karar vermeden önce bütçeyi gözden geçirin ya da pazarlık yapın.",
    },
    "scoring_cost_decides_nothing": {
        "en": "Every vendor has the same cost score ({score}): the cost criterion decides "
        "nothing, and its weight only scales the other criteria down.",
        "tr": "Tüm tedarikçilerin maliyet puanı aynı ({score}): maliyet kriteri sıralamada "
        "hiçbir şeyi belirlemiyor, ağırlığı yalnızca diğer kriterlerin payını küçültüyor.",
    },
    "scoring_cost_settings_changed": {
        "en": "The cost settings were changed after scoring began (budget, ceiling, horizon, "
        "exchange rates, price formula or discount rate differ from those when the scores "
        "were entered).",
        "tr": "Maliyet ayarları puanlama başladıktan sonra değiştirilmiş (bütçe, tavan, süre, "
        "döviz kurları, fiyat formülü ya da iskonto oranı, puanlar girildiğindekinden farklı).",
    },
    "scoring_scoring_settings_changed": {
        "en": "The scoring rules were changed after scoring began (knock-out threshold, "
        "unverified discount, method, aggregation or compliance scores differ from those "
        "when the scores were entered).",
        "tr": "Puanlama kuralları puanlama başladıktan sonra değiştirilmiş (eleme eşiği, "
        "doğrulanmamış beyan indirimi, yöntem, birleştirme ya da uyum puanları, puanlar "
        "girildiğindekinden farklı).",
    },
    "scoring_fingerprint_missing": {
        "en": "The scores carry no fingerprint of the weights and settings they were entered "
        "under, so changes made since cannot be detected. If nothing changed since scoring "
        "began, add to scores.yaml: weights_fingerprint: {fingerprint}",
        "tr": "Puanlar, girildikleri andaki ağırlık ve ayarların parmak izini taşımıyor; bu "
        "nedenle sonradan yapılan değişiklikler saptanamıyor. Puanlama başladığından beri hiçbir "
        "şey değişmediyse scores.yaml dosyasına ekleyin: weights_fingerprint: {fingerprint}",
    },
    "scoring_fingerprint_old": {
        "en": "The scores' fingerprint is from an earlier crmselect and covers the weights "
        "only: changes to the budget, ceiling, horizon, exchange rates or scoring rules since "
        "scoring began cannot be detected. If none changed, set in scores.yaml: "
        "weights_fingerprint: {fingerprint}",
        "tr": "Puanların parmak izi crmselect'in eski bir sürümünden ve yalnızca ağırlıkları "
        "kapsıyor: puanlama başladığından beri bütçe, tavan, süre, döviz kurları ya da puanlama "
        "kurallarında yapılan değişiklikler saptanamıyor. Hiçbiri değişmediyse scores.yaml "
        "dosyasında şunu yazın: weights_fingerprint: {fingerprint}",
    },
    "risk_understated": {
        "en": "{vendor} › {requirement}: declared {declared}, but the evaluators scored it "
        "{score} — custom work and its cost are likely understated",
        "tr": "{vendor} › {requirement}: {declared} olarak beyan edilmiş, ancak "
        "değerlendiriciler {score} puan verdi — özel geliştirme ihtiyacı ve maliyeti büyük "
        "olasılıkla eksik gösterilmiş",
    },
    "risk_understated_summary": {
        "en": "{vendor}: {n} requirement(s) declared native or configurable but scored 2 or "
        "less by the evaluators — custom work and its cost are likely understated",
        "tr": "{vendor}: standart ya da yapılandırılabilir olarak beyan edilip "
        "değerlendiricilerden 2 veya daha düşük puan alan {n} gereksinim — özel geliştirme "
        "ihtiyacı ve maliyeti büyük olasılıkla eksik gösterilmiş",
    },
    "project_rates_per_year": {
        "en": "{currency} has {n} rate(s): give one rate, or one per year of the "
        "{horizon}-year TCO horizon (year 1 first)",
        "tr": "{currency} için {n} kur verilmiş: tek bir kur ya da {horizon} yıllık TCO "
        "süresinin her yılı için bir kur verin (ilk yıl başta)",
    },
    "fx_title": {
        "en": "Exchange rates: the yearly change against {currency}, on top of the rates used, "
        "at which another vendor wins (searched within ±{limit}% a year)",
        "tr": "Döviz kurları: kullanılan kurlara ek olarak {currency} karşısında yıllık hangi "
        "değişimde başka bir tedarikçinin kazandığı (yılda ±%{limit} içinde arandı)",
    },
    "fx_headers": {
        "en": "Currency|Rates used ({currency}, year 1…)|If it rises each year|If it falls "
        "each year",
        "tr": "Para birimi|Kullanılan kurlar ({currency}, 1. yıl…)|Her yıl yükselirse|Her yıl "
        "düşerse",
    },
    "fx_flip": {"en": "{change} a year ({vendor})", "tr": "yılda {change} ({vendor})"},
    "fx_never": {"en": "no change within {limit}%", "tr": "%{limit} içinde değişmez"},
    "core_no_responses": {
        "en": "no vendor has answered yet (no file in responses/) and nobody has scored: there "
        "is nothing to rank. Import the answers with crmselect responses import, or compare "
        "the vendor profiles before the RFP with crmselect vendors compare",
        "tr": "henüz hiçbir tedarikçi yanıt vermedi (responses/ klasöründe dosya yok) ve kimse "
        "puanlamadı: sıralanacak bir şey yok. Yanıtları crmselect responses import ile içe "
        "aktarın ya da teklif isteğinden önce tedarikçi profillerini crmselect vendors compare "
        "ile karşılaştırın",
    },
    # --- end of scoring integrity ---
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
    # scoring: ranking and evaluators
    "scoring_tied_rank": {
        "en": "{vendors} have the same total ({total} points) and share rank {rank}: neither "
        "beats the other on these weights.",
        "tr": "{vendors} aynı toplam puana ({total} puan) sahip ve {rank}. sırayı paylaşıyor: "
        "bu ağırlıklarla hiçbiri diğerinden üstün değil.",
    },
    "scoring_method_winners_differ": {
        "en": "The two methods disagree on the winner: {wsm} wins by weighted sum, {topsis} "
        "by TOPSIS. Discuss why before deciding.",
        "tr": "İki yöntem kazanan konusunda ayrışıyor: ağırlıklı toplamda {wsm}, TOPSIS'te "
        "{topsis} kazanıyor. Karar vermeden önce nedenini tartışın.",
    },
    "scoring_single_scorer_weight": {
        "en": "{evaluator} alone scored {share} of the total weight of {vendor}'s score "
        "({criteria}): one person's view decides that part. Ask a second evaluator to score it.",
        "tr": "{vendor} puanında toplam ağırlığın {share} kadarını yalnızca {evaluator} "
        "puanladı ({criteria}): bu kısımda karar tek kişinin görüşüne dayanıyor. İkinci bir "
        "değerlendiriciden de puan isteyin.",
    },
    "scoring_single_score_knockout": {
        "en": "{vendor} is knocked out on {requirement} by one evaluator's score ({evaluator}: "
        "{score}); have a second evaluator or the consensus meeting confirm it.",
        "tr": "{vendor}, {requirement} gereksiniminde tek bir değerlendiricinin puanıyla "
        "eleniyor ({evaluator}: {score}); bunu ikinci bir değerlendiriciye ya da uzlaşı "
        "toplantısına doğrulatın.",
    },
    "scoring_overlapping_requirements": {
        "en": "{n} pair(s) of selected requirements test an overlapping capability ({pairs}): "
        "that capability counts twice in the total. Keep both only on purpose.",
        "tr": "Seçilen gereksinimlerden {n} çift örtüşen bir yeteneği ölçüyor ({pairs}): bu "
        "yetenek toplamda iki kez sayılıyor. İkisini de yalnızca bilinçli olarak tutun.",
    },
    "core_concentration_range": {
        "en": "the Monte Carlo concentration is {value}; use a number from {low} to {high} "
        "(higher keeps the sampled weights closer to the chosen ones)",
        "tr": "Monte Carlo yoğunlaşması {value}; {low} ile {high} arasında bir sayı kullanın "
        "(büyük değerler örneklenen ağırlıkları seçilenlere daha yakın tutar)",
    },
    "score_tied_first": {"en": "Tie for first: {names} ({total} points)",
                         "tr": "Birincilikte eşitlik: {names} ({total} puan)"},
    "score_tie_note": {"en": "= shares its rank with another vendor (equal totals).",
                       "tr": "= sırasını başka bir tedarikçiyle paylaşıyor (eşit toplam)."},
    "mc_rank_title": {
        "en": "Rank acceptability: share of the samples at each rank",
        "tr": "Sıra kabul edilebilirliği: örneklerin her sıradaki payı",
    },
    "mc_rank_vendor": {"en": "Vendor", "tr": "Tedarikçi"},
    "mc_rank_column": {"en": "#{rank}", "tr": "{rank}."},
    "mc_method_note": {
        "en": "The weights are drawn from a Dirichlet distribution centred on the chosen "
        "weights: a criterion weighing {weight} varies by about ±{spread} percentage points "
        "(one standard deviation).",
        "tr": "Ağırlıklar, seçilen ağırlıklar merkezli bir Dirichlet dağılımından çekilir: "
        "{weight} ağırlığındaki bir kriter yaklaşık ±{spread} yüzde puan (bir standart sapma) "
        "oynar.",
    },
    "scores_not_imported": {"en": "nothing was imported", "tr": "hiçbir şey içe aktarılmadı"},
    "scores_bad_extension": {"en": "{file}: use a .yaml, .yml or .csv file",
                             "tr": "{file}: .yaml, .yml veya .csv uzantılı bir dosya kullanın"},
    "csv_missing_columns": {"en": "missing column(s) {names}; expected {expected}",
                            "tr": "eksik sütun: {names}; beklenen sütunlar: {expected}"},
    "csv_unknown_columns": {"en": "unknown column(s) {names}; expected {expected}",
                            "tr": "bilinmeyen sütun: {names}; beklenen sütunlar: {expected}"},
    "csv_columns_twice": {"en": "column(s) {names} appear more than once; keep one of each",
                          "tr": "{names} sütunu birden fazla kez var; her birinden bir tane "
                          "bırakın"},
    "csv_quote": {"en": "a double quote (\") in this row is never closed, or text follows a "
                  "closing one; nothing after it can be read",
                  "tr": "bu satırdaki bir çift tırnak (\") kapatılmamış ya da kapanış tırnağından "
                  "sonra metin var; sonrası okunamıyor"},
    "csv_field_too_long": {"en": "a cell in this row is longer than {n} characters",
                           "tr": "bu satırdaki bir hücre {n} karakterden uzun"},
    "csv_unreadable": {"en": "the row cannot be read as CSV ({problem})",
                       "tr": "satır CSV olarak okunamıyor ({problem})"},
    "csv_cells": {"en": "the row has {n} cells but the header has {m} (put a note that holds "
                  "'{sep}' in double quotes)",
                  "tr": "satırda {n} hücre var ama başlıkta {m} sütun var ('{sep}' içeren notu "
                  "çift tırnak içine alın)"},
    "csv_duplicate": {"en": "the same evaluator, vendor and target as line {line}",
                      "tr": "{line}. satırla aynı değerlendirici, tedarikçi ve hedef"},
    "scores_conflict": {"en": "scores.yaml already has {old}, the import has {new}",
                        "tr": "scores.yaml içinde zaten {old} var, içe aktarılan dosyada {new}"},
    "scores_conflict_hint": {"en": "use --force to overwrite",
                             "tr": "üzerine yazmak için --force kullanın"},
    "scores_export_exists": {
        "en": "the file exists and holds something else (a filled-in CSV not imported yet?); "
        "nothing was written",
        "tr": "dosya zaten var ve başka bir içerik taşıyor (henüz içe aktarılmamış, doldurulmuş "
        "bir CSV mi?); hiçbir şey yazılmadı",
    },
    "scores_exported": {"en": "{n} scores written to {file}",
                        "tr": "{n} puan {file} dosyasına yazıldı"},
    "scores_imported": {
        "en": "{file}: {added} added, {updated} updated, {unchanged} unchanged; written to "
        "{target}",
        "tr": "{file}: {added} eklendi, {updated} güncellendi, {unchanged} değişmedi; "
        "{target} dosyasına yazıldı",
    },
    # --- scores push|pull: the evaluation database (crmselect/evaluationdb/scoresfile.py) ---
    "scores_pushed": {
        "en": "{file}: {added} added, {updated} updated, {unchanged} unchanged, {kept} kept "
        "({scores} scores, {demo} test-drive marks, {consensus} consensus records); "
        "database {db}",
        "tr": "{file}: {added} eklendi, {updated} güncellendi, {unchanged} değişmedi, {kept} "
        "korundu ({scores} puan, {demo} test sürüşü işareti, {consensus} uzlaşı kaydı); "
        "veritabanı {db}",
    },
    "scores_push_kept": {
        "en": "the database has {old}, the file has {new}; the database's is kept",
        "tr": "veritabanında {old} var, dosyada {new}; veritabanındaki korundu",
    },
    "scores_push_kept_summary": {
        "en": "{n} record(s) differ from the database and were kept; use --force to replace "
        "them",
        "tr": "{n} kayıt veritabanındakinden farklı olduğu için korundu; değiştirmek için "
        "--force kullanın",
    },
    "scores_push_needs_note": {
        "en": "a score of {score} needs a note that says why (as in the web form: 0, 1 and 5)",
        "tr": "{score} puanı için nedenini açıklayan bir not gerekir (web formunda olduğu gibi: "
        "0, 1 ve 5)",
    },
    "scores_push_whole": {
        "en": "{score} is not a whole point; the web form scores 0, 1, 2, 3, 4 or 5",
        "tr": "{score} tam puan değil; web formunda puan 0, 1, 2, 3, 4 veya 5 olur",
    },
    "scores_push_note_long": {
        "en": "the note has {n} characters; the web form keeps at most {max}",
        "tr": "not {n} karakter; web formu en fazla {max} karakter kabul eder",
    },
    "scores_push_role": {
        "en": "{id} has the role {role} in project.yaml, which does not score",
        "tr": "{id}, project.yaml dosyasında {role} rolünde; bu rol puan vermez",
    },
    "scores_push_area": {
        "en": "{id} scores only {areas}; {target} is in {area}",
        "tr": "{id} yalnızca şu alanlarda puan verir: {areas}; {target} ise {area} alanında",
    },
    "scores_push_not_in_scenario": {
        "en": "{requirement} is not one of the requirements scenario {scenario} demonstrates",
        "tr": "{requirement}, {scenario} senaryosunda gösterilen gereksinimlerden biri değil",
    },
    "scores_push_no_person": {"en": "no such person '{id}' in project.yaml",
                              "tr": "project.yaml dosyasında '{id}' adlı bir kişi yok"},
    "scores_push_duplicate": {"en": "the same record as line {line}",
                              "tr": "{line}. satırdaki kayıtla aynı"},
    "db_cannot_open": {"en": "the evaluation database cannot be opened: {error}",
                       "tr": "değerlendirme veritabanı açılamıyor: {error}"},
    "db_bad_url": {"en": "--db: not a database URL, like postgresql+psycopg://user@host/name or "
                   "sqlite:///path/evaluation.db",
                   "tr": "--db: bir veritabanı adresi değil; örneğin "
                   "postgresql+psycopg://kullanici@sunucu/ad ya da sqlite:///yol/evaluation.db"},
    "scores_no_database": {
        "en": "there is no evaluation database here yet (start one with 'crmselect serve', "
        "or give --db)",
        "tr": "burada henüz değerlendirme veritabanı yok ('crmselect serve' ile başlatın ya da "
        "--db verin)",
    },
    # --- web form: scores pull carries deletions (issue 10) ---
    "scores_pull_cleared": {
        "en": "scores.yaml has {old}, which was cleared in the web form",
        "tr": "scores.yaml içinde {old} var; bu kayıt web formunda silindi",
    },
    "scores_pulled_removed": {
        "en": "{n} removed (cleared in the web form)",
        "tr": "{n} kaldırıldı (web formunda silinmişti)",
    },
    "scores_up_to_date": {
        "en": "{db}: {unchanged} unchanged; {target} is up to date",
        "tr": "{db}: {unchanged} değişmedi; {target} zaten güncel",
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
    "risk_summary": {
        "en": "{vendor}: {custom} custom development(s), {days} days ({cost} {currency}); "
        "{third} third-party product(s), {per_year} {currency} a year; {roadmap} roadmap "
        "promise(s)",
        "tr": "{vendor}: {custom} özel geliştirme, {days} gün ({cost} {currency}); {third} "
        "üçüncü taraf ürün, yıllık {per_year} {currency}; {roadmap} yol haritası taahhüdü",
    },
    "risk_summary_more": {
        "en": "(each one: crmselect score --risks, or the comparison report)",
        "tr": "(tek tek görmek için: crmselect score --risks ya da karşılaştırma raporu)",
    },
    "risk_commitment": {
        "en": "{vendor} › {requirement}: on the roadmap for {date} — put it in the contract",
        "tr": "{vendor} › {requirement}: {date} için yol haritasında — sözleşmeye yazdırın",
    },
    "score_warnings": {"en": "Warnings", "tr": "Uyarılar"},
    "sens_title": {"en": "Sensitivity of the winner ({winner}) to the criteria weights",
                   "tr": "Kazananın ({winner}) kriter ağırlıklarına duyarlılığı"},
    "sens_title_no_winner": {
        "en": "No winner: every vendor fails a knock-out. Sensitivity of the first-ranked "
        "({leader}) to the criteria weights",
        "tr": "Kazanan yok: tüm tedarikçiler eleme kriterine takılıyor. Birinci sıradakinin "
        "({leader}) kriter ağırlıklarına duyarlılığı",
    },
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
    "build_no_responses": {
        "en": "comparison report skipped: no vendor has answered yet and nobody has scored",
        "tr": "karşılaştırma raporu atlandı: henüz hiçbir tedarikçi yanıt vermedi ve puan "
        "verilmedi",
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
    # --- validation and loading (crmselect/loading.py, yamlfile.py, project.py, catalog.py,
    # errors.py, kpi.py, documents/response_import.py). Values are quoted as the file has them;
    # ids and YAML keys are never translated. ---
    "did_you_mean": {"en": "did you mean {name}?", "tr": "şunu mu demek istediniz: {name}?"},
    "load_not_one_of": {"en": "{value} is not one of {choices}",
                        "tr": "{value} geçerli değil; şunlardan biri olmalı: {choices}"},
    "load_missing": {"en": "is required but missing", "tr": "zorunlu alan eksik"},
    "load_unknown_key": {"en": "unknown key", "tr": "bilinmeyen anahtar"},
    "load_quote_comma": {
        "en": "a comma inside {{...}} ends the value: put a text with a comma in quotes, "
        "e.g. {{name: \"Policy system (in-house, SQL Server)\"}}",
        "tr": "{{...}} içindeki virgül değeri bitirir: virgül içeren metni tırnak içine alın, "
        "örneğin {{name: \"Poliçe sistemi (şirket içi, SQL Server)\"}}",
    },
    "load_text": {"en": "expected text, got {value}",
                  "tr": "metin bekleniyordu; verilen değer: {value}"},
    "load_quote_it": {"en": "quote it", "tr": "tırnak içine alın"},
    "load_key_text": {"en": "a key must be text, got {value}",
                      "tr": "anahtar metin olmalı; verilen değer: {value}"},
    "load_whole_number": {"en": "expected a whole number, got {value}",
                          "tr": "tam sayı bekleniyordu; verilen değer: {value}"},
    "load_number": {"en": "expected a number, got {value}",
                    "tr": "sayı bekleniyordu; verilen değer: {value}"},
    "load_bool": {"en": "expected true or false, got {value}",
                  "tr": "true veya false bekleniyordu; verilen değer: {value}"},
    "load_date": {"en": "expected a date like 2026-12-31, got {value}",
                  "tr": "2026-12-31 biçiminde bir tarih bekleniyordu; verilen değer: {value}"},
    "load_datetime": {
        "en": "expected a date and time like 2026-12-31T14:30:00, got {value}",
        "tr": "2026-12-31T14:30:00 biçiminde bir tarih ve saat bekleniyordu; verilen değer: "
        "{value}",
    },
    "load_list": {"en": "expected a list, got {value}",
                  "tr": "liste bekleniyordu; verilen değer: {value}"},
    "load_mapping": {"en": "expected a mapping of keys to values, got {value}",
                     "tr": "anahtar: değer eşlemesi bekleniyordu; verilen değer: {value}"},
    "load_mapping_top": {"en": "expected a mapping of keys to values at the top",
                         "tr": "dosyanın en üst düzeyinde anahtar: değer eşlemesi bekleniyordu"},
    "load_too_short": {"en": "needs at least {n} item(s)", "tr": "en az {n} öğe gerekli"},
    "load_too_long": {"en": "{value} is too long: at most {n} characters",
                      "tr": "{value} çok uzun; en fazla {n} karakter olabilir"},
    "load_empty": {"en": "must not be empty", "tr": "boş bırakılamaz"},
    "load_ge": {"en": "{value} must be >= {limit}",
                "tr": "en az {limit} olmalı; verilen değer: {value}"},
    "load_gt": {"en": "{value} must be > {limit}",
                "tr": "{limit} değerinden büyük olmalı; verilen değer: {value}"},
    "load_le": {"en": "{value} must be <= {limit}",
                "tr": "en fazla {limit} olabilir; verilen değer: {value}"},
    "load_lt": {"en": "{value} must be < {limit}",
                "tr": "{limit} değerinden küçük olmalı; verilen değer: {value}"},
    "load_invalid": {"en": "{detail} (got {value})",
                     "tr": "geçersiz değer: {value} ({detail})"},
    "load_form_requirement_id": {
        "en": "expected an id like OPS-SFA-001, got {value}",
        "tr": "OPS-SFA-001 biçiminde bir kimlik bekleniyordu; verilen değer: {value}",
    },
    "load_form_custom_id": {
        "en": "expected an id like CUS-ERP-001, got {value}",
        "tr": "CUS-ERP-001 biçiminde bir kimlik bekleniyordu; verilen değer: {value}",
    },
    "load_form_scenario_id": {
        "en": "expected a scenario id like SCN-LEAD2DEAL, got {value}",
        "tr": "SCN-LEAD2DEAL biçiminde bir senaryo kimliği bekleniyordu; verilen değer: {value}",
    },
    "load_form_slug": {
        "en": "expected lower-case letters a–z, digits and _ starting with a letter, like "
        "ayse or sales_manager, got {value}",
        "tr": "harfle başlayan, küçük harf (a–z, Türkçe karakter olmadan), rakam ve _ içeren "
        "bir ad bekleniyordu, örneğin ayse ya da sales_manager; verilen değer: {value}",
    },
    "load_form_vendor_id": {
        "en": "expected lower-case letters a–z, digits, _ and - starting with a letter, like "
        "northwind_cloud, got {value}",
        "tr": "harfle başlayan, küçük harf (a–z, Türkçe karakter olmadan), rakam, _ ve - "
        "içeren bir tedarikçi kimliği bekleniyordu, örneğin northwind_cloud; verilen değer: "
        "{value}",
    },
    "load_form_currency": {
        "en": "expected a three-letter currency code like EUR or TRY, got {value}",
        "tr": "EUR veya TRY gibi üç harfli bir para birimi kodu bekleniyordu; verilen değer: "
        "{value}",
    },
    "load_form_score_target": {
        "en": "expected a requirement id like OPS-SFA-001, a scenario step like "
        "SCN-LEAD2DEAL.2 or references, got {value}",
        "tr": "OPS-SFA-001 gibi bir gereksinim kimliği, SCN-LEAD2DEAL.2 gibi bir senaryo adımı "
        "veya references bekleniyordu; verilen değer: {value}",
    },
    "load_form_other": {"en": "{value} is not in the expected form",
                        "tr": "{value} beklenen biçimde değil"},
    # YAML files (crmselect/yamlfile.py)
    "yaml_no_file": {"en": "no such file", "tr": "dosya bulunamadı"},
    "yaml_is_folder": {"en": "is a folder, not a YAML file",
                       "tr": "bu bir klasör, YAML dosyası değil"},
    "yaml_too_big": {"en": "the file is {size} MB; a YAML file may be at most {limit} MB",
                     "tr": "dosya {size} MB; bir YAML dosyası en fazla {limit} MB olabilir"},
    "yaml_not_utf8": {"en": "the file is not UTF-8 text; save it as UTF-8",
                      "tr": "dosya UTF-8 metin değil; UTF-8 olarak kaydedin"},
    "yaml_binary": {"en": "the file is binary, not YAML text",
                    "tr": "dosya ikili (binary) bir dosya, YAML metni değil"},
    "yaml_not_regular": {"en": "is not a regular file (a device, pipe or socket?)",
                         "tr": "normal bir dosya değil (aygıt, boru ya da soket mi?)"},
    "yaml_unreadable": {"en": "cannot be read: {error}", "tr": "okunamıyor: {error}"},
    "yaml_control_char": {
        "en": "the control character {code} is not allowed in YAML; delete it (pasted text?)",
        "tr": "{code} denetim karakterine YAML'da izin verilmiyor; silin (yapıştırılmış metin mi?)",
    },
    "yaml_too_deep": {
        "en": "values nested more than {n} levels deep; the file was not read",
        "tr": "değerler {n} düzeyden daha derin iç içe; dosya okunmadı",
    },
    "yaml_number_too_big": {
        "en": "the number {value} is too large (or too long) to use; write a smaller one",
        "tr": "{value} sayısı kullanılamayacak kadar büyük (ya da uzun); daha küçük bir sayı yazın",
    },
    "yaml_several_documents": {
        "en": "a second YAML document (another '---'); keep one document per file",
        "tr": "ikinci bir YAML belgesi (bir '---' daha); her dosyada tek belge olmalı",
    },
    "yaml_duplicate_anchor": {"en": "an anchor (&name) defined twice",
                              "tr": "aynı çapa (&ad) iki kez tanımlanmış"},
    "yaml_empty": {"en": "the file is empty", "tr": "dosya boş"},
    "yaml_malformed": {"en": "malformed YAML: {problem}",
                       "tr": "YAML söz dizimi hatası: {problem}"},
    "yaml_no_detail": {"en": "the YAML reader gave no detail",
                       "tr": "YAML okuyucusu ayrıntı vermedi"},
    "yaml_tab": {"en": "a tab character; indent with spaces",
                 "tr": "sekme (tab) karakteri; girintide boşluk kullanın"},
    "yaml_colon": {"en": "a ':' where no value may start (is the line indented wrongly, or does "
                   "a value with ': ' need quotes?)",
                   "tr": "burada ':' kullanılamaz (satırın girintisi mi yanlış, yoksa ': ' "
                   "içeren bir değer tırnak içine mi alınmalı?)"},
    "yaml_cannot_start": {"en": "a value cannot start with {what}; put the value in quotes",
                          "tr": "bir değer {what} ile başlayamaz; değeri tırnak içine alın"},
    "yaml_no_colon": {"en": "a ':' is missing after a key (or the key is longer than 1,024 "
                      "characters)",
                      "tr": "bir anahtardan sonra ':' eksik (ya da anahtar 1.024 karakterden "
                      "uzun)"},
    "yaml_unclosed": {"en": "the file ends inside a quoted text or a bracket; is a closing quote "
                      "or bracket missing?",
                      "tr": "dosya tırnak ya da parantez içindeyken bitiyor; kapanış tırnağı ya "
                      "da parantezi mi eksik?"},
    "yaml_escape": {"en": "a backslash in double quotes starts an unknown escape sequence; put "
                    "text with backslashes in single quotes, like 'C:\\Temp'",
                    "tr": "çift tırnak içindeki ters eğik çizgi bilinmeyen bir kaçış dizisi "
                    "başlatıyor; ters eğik çizgi içeren metni tek tırnak içine alın, örneğin "
                    "'C:\\Temp'"},
    "yaml_undefined_alias": {"en": "the alias {what} refers to no anchor (&name) above it",
                             "tr": "{what} takma adı, üstünde tanımlı bir çapaya (&ad) "
                             "başvurmuyor"},
    "yaml_indentation": {"en": "wrong indentation (is this line indented less or more than the "
                         "lines of its level?)",
                         "tr": "girinti yanlış (bu satır, kendi düzeyindeki satırlardan daha az "
                         "ya da daha fazla mı girintili?)"},
    "yaml_flow_comma": {"en": "a ',' or the closing bracket is missing in a [ … ] or {{ … }} list "
                        "(found {what})",
                        "tr": "[ … ] ya da {{ … }} listesinde bir ',' ya da kapanış parantezi "
                        "eksik (bulunan: {what})"},
    "yaml_too_many_values": {
        "en": "more than {n} values (an alias bomb?); the file was not read",
        "tr": "{n} değerden fazla (alias bombası olabilir); dosya okunmadı",
    },
    "yaml_recursive_alias": {"en": "a recursive alias; the file was not read",
                             "tr": "kendine başvuran bir alias; dosya okunmadı"},
    "yaml_tag": {"en": "the YAML tag {tag} is not allowed; the file was not read",
                 "tr": "{tag} YAML etiketine izin verilmiyor; dosya okunmadı"},
    "yaml_node": {"en": "unsupported YAML node", "tr": "desteklenmeyen YAML yapısı"},
    "yaml_merge_key": {"en": "merge keys (<<) are not supported",
                       "tr": "birleştirme anahtarları (<<) desteklenmiyor"},
    "yaml_plain_key": {"en": "a mapping key must be a plain value",
                       "tr": "bir eşleme anahtarı düz bir değer olmalı"},
    "yaml_duplicate_key": {
        "en": "duplicate key '{name}' (first at line {line}); YAML keeps only one of them",
        "tr": "'{name}' anahtarı tekrar ediyor (ilki {line}. satırda); YAML bunlardan yalnızca "
        "birini tutar",
    },
    # YAML reading and the bundled-data cache (crmselect/yamlfile.py, crmselect/bundlecache.py)
    "yaml_surrogate": {
        "en": "the escape {code} is half of a character pair (a lone surrogate) and is not text; "
        "write the character itself or its whole pair",
        "tr": "{code} kaçış dizisi bir karakter çiftinin yalnızca yarısı (tek başına vekil "
        "karakter), metin değil; karakterin kendisini ya da çiftin tamamını yazın",
    },
    # project folder (crmselect/project.py)
    "project_no_folder": {"en": "no such project folder", "tr": "proje klasörü bulunamadı"},
    "project_not_a_folder": {"en": "is a file; it must be a folder of YAML files",
                             "tr": "bu bir dosya; YAML dosyalarından oluşan bir klasör olmalı"},
    "project_no_file": {"en": "not a crmselect project: there is no project.yaml here",
                        "tr": "crmselect projesi değil: burada project.yaml yok"},
    "project_init_hint": {"en": "create one with 'crmselect init DIR'",
                          "tr": "'crmselect init KLASÖR' ile oluşturun"},
    "project_vendor_file": {
        "en": "vendor id '{id}' does not match the file name '{file}'",
        "tr": "tedarikçi kimliği '{id}', dosya adıyla ('{file}') uyuşmuyor",
    },
    "project_rename_file": {"en": "rename the file to {name}",
                            "tr": "dosyanın adını {name} olarak değiştirin"},
    "project_duplicate_id": {"en": "duplicate id '{id}'",
                             "tr": "'{id}' kimliği birden fazla kez kullanılmış"},
    "project_duplicate_requirement": {"en": "duplicate requirement id {id}",
                                      "tr": "{id} gereksinim kimliği birden fazla kez "
                                      "kullanılmış"},
    "project_not_group_of_area": {"en": "'{group}' is not a group of area '{area}'",
                                  "tr": "'{group}', '{area}' alanının bir grubu değil"},
    "project_groups_of_area": {"en": "the area's groups: {groups}",
                               "tr": "alanın grupları: {groups}"},
    "project_no_catalog_requirement": {"en": "no such requirement {id} in the catalog",
                                       "tr": "{id} gereksinimi katalogda yok"},
    "project_selected_twice": {"en": "requirement {id} is selected twice",
                               "tr": "{id} gereksinimi iki kez seçilmiş"},
    "project_no_requirement": {"en": "the project selects no requirement",
                               "tr": "projede hiçbir gereksinim seçilmemiş"},
    "project_no_scenario": {"en": "no such scenario {id}", "tr": "{id} senaryosu bulunamadı"},
    "project_no_requirement_id": {"en": "no such requirement {id}",
                                  "tr": "{id} gereksinimi bulunamadı"},
    "project_no_vendor": {"en": "no such vendor '{id}'", "tr": "'{id}' tedarikçisi bulunamadı"},
    "project_response_vendor_file": {
        "en": "vendor '{vendor}' does not match the file name '{file}'",
        "tr": "tedarikçi '{vendor}', dosya adıyla ('{file}') uyuşmuyor",
    },
    "project_vendor_not_listed": {
        "en": "vendor '{vendor}' is not in the project's vendors list",
        "tr": "'{vendor}' tedarikçisi projenin vendors listesinde yok",
    },
    "project_response_not_required": {
        "en": "a response for {id}, which is not a requirement of this project",
        "tr": "{id} için yanıt verilmiş, ancak {id} bu projenin gereksinimlerinden biri "
        "değil",
    },
    "project_no_rate": {
        "en": "vendor '{vendor}' prices in {currency}, but exchange_rates has no rate for it",
        "tr": "'{vendor}' tedarikçisi {currency} cinsinden fiyat veriyor, ancak exchange_rates "
        "içinde bu para birimi için kur yok",
    },
    "project_add_rate": {"en": "add exchange_rates: {{{currency}: ...}}",
                         "tr": "exchange_rates: {{{currency}: ...}} ekleyin"},
    "project_roadmap_date": {"en": "a roadmap answer needs the promised date",
                             "tr": "yol haritası yanıtı için taahhüt edilen tarih gerekli"},
    "project_timeline_order": {
        "en": "{date} is before {previous} ({previous_date}); the milestones must be in the "
        "order they happen",
        "tr": "{date}, kendisinden önce gelen {previous} tarihinden ({previous_date}) önce; "
        "tarihler gerçekleşme sırasına göre olmalı",
    },
    "project_criteria_zero": {
        "en": "all top-level criteria weigh 0: the weight tree sums to zero",
        "tr": "tüm üst düzey kriterlerin ağırlığı 0: ağırlık ağacının toplamı sıfır",
    },
    "project_areas_zero": {"en": "all areas weigh 0: the weight tree sums to 0",
                           "tr": "tüm alanların ağırlığı 0: ağırlık ağacının toplamı sıfır"},
    "project_no_group": {"en": "no such group '{id}'", "tr": "'{id}' grubu bulunamadı"},
    "project_not_requirement": {"en": "{id} is not a requirement of this project",
                                "tr": "{id}, bu projenin gereksinimlerinden biri değil"},
    "project_requirements_zero": {
        "en": "every selected requirement weighs 0: the weight tree sums to zero",
        "tr": "seçilen tüm gereksinimlerin ağırlığı 0: ağırlık ağacının toplamı sıfır",
    },
    "project_matrix_size": {"en": "the matrix must be {n}×{n}, one row and column per item",
                            "tr": "matris {n}×{n} olmalı: her öğe için bir satır ve bir sütun"},
    "project_no_evaluator": {"en": "no such evaluator '{id}'",
                             "tr": "'{id}' değerlendiricisi bulunamadı"},
    "project_no_vendor_here": {"en": "no such vendor '{id}' in the project",
                               "tr": "projede '{id}' tedarikçisi yok"},
    "project_no_scenario_here": {"en": "no such scenario '{id}' in the project",
                                 "tr": "projede '{id}' senaryosu yok"},
    "project_scenario_steps": {"en": "scenario {id} has steps 1 to {n}, not '{step}'",
                               "tr": "{id} senaryosunun adımları 1 ile {n} arasında; '{step}' "
                               "diye bir adım yok"},
    # catalog folder (crmselect/catalog.py, crmselect/kpi.py)
    "catalog_group_not_in_area": {
        "en": "group '{group}' is not a group of area '{area}' in areas.yaml",
        "tr": "'{group}' grubu, areas.yaml içinde '{area}' alanının bir grubu değil",
    },
    # --- catalog: related requirements and retired ids (catalog helper) ---
    "catalog_related_self": {"en": "{id} is listed as related to itself",
                             "tr": "{id} kendisiyle ilişkili olarak listelenmiş"},
    "catalog_related_one_way": {
        "en": "{id} is related here, but {id} does not list {other} as related",
        "tr": "burada {id} ilişkili gösterilmiş, ama {id} kendi ilişkili listesinde {other} "
              "gereksinimini göstermiyor",
    },
    "requirement_retired": {
        "en": "{id} (\"{title}\") was retired from the catalog; use {replaced_by} instead",
        "tr": "{id} (\"{title}\") katalogdan kaldırıldı; yerine {replaced_by} kullanın",
    },
    "catalog_duplicate_requirement": {
        "en": "duplicate requirement id {id} (also in {place})",
        "tr": "{id} gereksinim kimliği birden fazla kez kullanılmış (ayrıca: {place})",
    },
    "catalog_duplicate_kpi": {"en": "duplicate KPI id {id}",
                              "tr": "{id} KPI kimliği birden fazla kez kullanılmış"},
    "catalog_duplicate_scenario": {"en": "duplicate scenario id {id}",
                                   "tr": "{id} senaryo kimliği birden fazla kez kullanılmış"},
    "kpi_formula_too_long": {"en": "the formula is longer than {n} characters",
                             "tr": "formül {n} karakterden uzun"},
    "kpi_formula_invalid": {"en": "the formula is not a valid expression: {detail}",
                            "tr": "formül geçerli bir ifade değil: {detail}"},
    "kpi_formula_not_allowed": {
        "en": "not allowed in a formula: {text} (only numbers, input names, + - * /, "
        "parentheses and unary minus)",
        "tr": "formülde kullanılamaz: {text} (yalnızca sayılar, girdi adları, + - * /, "
        "parantezler ve tekli eksi işareti)",
    },
    "kpi_formula_unknown_name": {
        "en": "the formula uses '{name}', which is not one of its inputs",
        "tr": "formül '{name}' adını kullanıyor, ancak bu KPI'nın girdilerinden biri değil",
    },
    "kpi_input_unused": {"en": "input '{name}' is not used in the formula",
                         "tr": "'{name}' girdisi formülde kullanılmıyor"},
    "kpi_input_declared_twice": {"en": "input '{name}' is declared twice",
                                 "tr": "'{name}' girdisi iki kez tanımlanmış"},
    # vendor response import (crmselect/documents/response_import.py); cells like
    # Requirements!C14 are printed before the message
    "import_warning": {"en": "warning: {message}", "tr": "uyarı: {message}"},
    "import_not_written": {"en": "{n} problem{s}; nothing was written.",
                           "tr": "{n} sorun; hiçbir şey yazılmadı."},
    "import_not_number": {"en": "{value} is not a number", "tr": "{value} bir sayı değil"},
    "import_negative": {"en": "{value} is negative; costs and efforts are 0 or more",
                        "tr": "{value} negatif; maliyet ve efor 0 veya daha büyük olmalı"},
    "import_not_positive": {"en": "must be more than 0", "tr": "0'dan büyük olmalı"},
    "import_too_large": {"en": "{value} is more than {limit}",
                         "tr": "{value}, üst sınır olan {limit} değerini aşıyor"},
    "import_not_date": {"en": "{value} is not a date (write it as 2027-06-30)",
                        "tr": "{value} bir tarih değil (2027-06-30 veya 30.06.2027 biçiminde "
                        "yazın)"},
    "import_bad_column": {
        "en": "expected the column '{expected}' here, found {found}; columns must not be "
        "moved, added or deleted",
        "tr": "burada '{expected}' sütunu bekleniyordu, bulunan: {found}; sütunlar taşınmamalı, "
        "eklenmemeli veya silinmemeli",
    },
    "import_no_id": {"en": "answers in a row without a requirement id",
                     "tr": "gereksinim kimliği olmayan bir satırda yanıt var"},
    "import_twice": {"en": "{id} appears twice (also in row {row})",
                     "tr": "{id} iki kez geçiyor (ayrıca {row}. satırda)"},
    "import_no_compliance": {"en": "{id} has answers but no compliance level",
                             "tr": "{id} için yanıt var ama karşılama düzeyi seçilmemiş"},
    "import_bad_compliance": {"en": "{value} is not a compliance level ({choices})",
                              "tr": "{value} bir karşılama düzeyi değil ({choices})"},
    "import_roadmap_date": {"en": "{id} is on the roadmap but has no promised date",
                            "tr": "{id} yol haritasında, ancak taahhüt edilen tarih yok"},
    "import_roadmap_date_key": {
        "en": "{id} is on the roadmap but has no promised date (roadmap_date)",
        "tr": "{id} yol haritasında, ancak taahhüt edilen tarih yok (roadmap_date)",
    },
    "import_no_product": {"en": "{id} needs a third-party product, but none is named",
                          "tr": "{id} üçüncü taraf bir ürün gerektiriyor, ancak ürün adı "
                          "verilmemiş"},
    "import_no_effort": {"en": "{id} needs custom development, but no effort in days is given",
                         "tr": "{id} özel geliştirme gerektiriyor, ancak gün cinsinden efor "
                         "verilmemiş"},
    "import_not_counted": {"en": "{id} is answered '{level}', so this {what} is kept but not "
                           "counted; was the compliance meant to be '{meant}'?",
                           "tr": "{id} için '{level}' yanıtı verilmiş; bu {what} saklanır ama "
                           "hesaba katılmaz. Karşılama düzeyi '{meant}' olarak mı seçilmeliydi?"},
    "import_what_third_party": {"en": "third-party product or cost",
                                "tr": "üçüncü taraf ürün ya da maliyet"},
    "import_what_effort": {"en": "development effort", "tr": "geliştirme eforu"},
    "import_what_roadmap": {"en": "roadmap date", "tr": "yol haritası tarihi"},
    "import_row_deleted": {"en": "requirement {id} is missing from the sheet (was its row "
                           "deleted?)",
                           "tr": "{id} gereksinimi sayfada yok (satırı silinmiş olabilir mi?)"},
    "import_unanswered": {"en": "{n} requirement(s) have no answer ({cells}); they count as "
                          "not answered",
                          "tr": "{n} gereksinim yanıtsız ({cells}); bunlar yanıtlanmamış "
                          "sayılır"},
    "import_unanswered_yaml": {"en": "{n} requirement(s) have no answer ({ids})",
                               "tr": "{n} gereksinim yanıtsız ({ids})"},
    "import_unknown_row": {"en": "unknown pricing row '{row}' (rows must not be changed)",
                           "tr": "bilinmeyen fiyat satırı '{row}' (satırlar değiştirilmemeli)"},
    "import_bad_currency": {"en": "{value} is not a currency code such as EUR",
                            "tr": "{value}, EUR gibi bir para birimi kodu değil"},
    "import_other_currency": {
        "en": "{value} is written in {marked}, but the bid's currency is {currency}; write the "
        "amount in {currency}",
        "tr": "{value} {marked} olarak yazılmış, ancak teklifin para birimi {currency}; tutarı "
        "{currency} olarak yazın",
    },
    "import_bad_licence": {"en": "{value} is not a licence model ({choices})",
                           "tr": "{value} bir lisans modeli değil ({choices})"},
    "import_no_price": {"en": "no price is given; the vendor's cost cannot be compared",
                        "tr": "fiyat verilmemiş; tedarikçinin maliyeti karşılaştırılamaz"},
    "import_no_currency": {"en": "prices are given without a currency",
                           "tr": "fiyatlar para birimi belirtilmeden verilmiş"},
    "import_no_rate": {"en": "prices in {currency}, but project.yaml has no exchange rate for "
                       "{currency}",
                       "tr": "fiyatlar {currency} cinsinden, ancak project.yaml içinde "
                       "{currency} için kur yok"},
    "import_add_rate": {"en": "add exchange_rates: {{{currency}: ...}} to project.yaml",
                        "tr": "project.yaml dosyasına exchange_rates: {{{currency}: ...}} "
                        "ekleyin"},
    "core_not_negative": {"en": "{value} must be 0 or more", "tr": "{value}: 0 veya daha büyük "
                          "olmalı"},
    "core_ceiling_below_budget": {
        "en": "the ceiling ({ceiling}) must be above the target budget ({budget})",
        "tr": "tavan ({ceiling}) hedef bütçeden ({budget}) büyük olmalı",
    },
    "core_outside_scale": {"en": "{value} is outside the 0–5 scale",
                           "tr": "{value}, 0–5 ölçeğinin dışında"},
    "core_not_utf8_csv": {
        "en": "not a CSV text file in UTF-8, UTF-16 or Windows Turkish (1254); in Excel, save it "
        "as 'CSV UTF-8 (Comma delimited)'",
        "tr": "UTF-8, UTF-16 ya da Windows Türkçe (1254) kodlamalı bir CSV metin dosyası değil; "
        "Excel'de 'CSV UTF-8 (Virgülle ayrılmış)' olarak kaydedin",
    },
    "ahp_item_twice": {"en": "'{item}' is listed twice; each item once",
                       "tr": "'{item}' iki kez yazılmış; her öğe bir kez yazılmalı"},
    "core_ahp_unknown_item": {"en": "'{item}' is not one of the {level} of this project",
                              "tr": "'{item}', bu projenin {level} düzeyinde yok"},
    "core_all_weights_zero": {
        "en": "every criterion that has data weighs 0: there is nothing to rank on",
        "tr": "verisi olan her kriterin ağırlığı 0: sıralama yapılacak bir şey yok",
    },
    "core_weigh_a_scored_criterion": {
        "en": "give a positive weight to a criterion that was scored",
        "tr": "puanlanmış bir kritere sıfırdan büyük ağırlık verin",
    },
    "core_vendor_not_listed": {"en": "vendor '{vendor}' is not in the project's vendors list",
                               "tr": "'{vendor}' tedarikçisi projenin vendors listesinde yok"},
    "core_not_a_folder": {"en": "exists and is not a folder",
                          "tr": "bu ad zaten var ve bir klasör değil"},
    "core_folder_not_empty": {"en": "the folder is not empty; nothing was written",
                              "tr": "klasör boş değil; hiçbir şey yazılmadı"},
    "core_use_force": {
        "en": "use --force to write into it (existing files of the same name are replaced, "
        "no file is deleted)",
        "tr": "içine yazmak için --force kullanın (aynı adlı dosyaların yerine yenisi yazılır, "
        "hiçbir dosya silinmez)",
    },
    "import_add_vendor": {"en": "add it to vendors: in project.yaml",
                          "tr": "project.yaml içindeki vendors: listesine ekleyin"},
    "import_header": {"en": "Imported by crmselect from {file} on {date}.",
                      "tr": "crmselect tarafından {file} dosyasından {date} tarihinde içe "
                      "aktarıldı."},
    "import_exists": {"en": "a response file for this vendor exists already; nothing was "
                      "written",
                      "tr": "bu tedarikçinin yanıt dosyası zaten var; hiçbir şey yazılmadı"},
    "import_force": {"en": "use --force to replace it",
                     "tr": "üzerine yazmak için --force kullanın"},
    "template_not_found": {"en": "no such template (searched {searched})",
                           "tr": "böyle bir şablon yok (aranan yerler: {searched})"},
    "template_error": {"en": "template error: {detail}", "tr": "şablon hatası: {detail}"},
    "template_missing": {"en": "no such Word template", "tr": "böyle bir Word şablonu yok"},
    "template_not_zip": {"en": "not a Word .docx file (it is not a zip package)",
                         "tr": "Word .docx dosyası değil (zip paketi değil)"},
    "template_not_docx": {
        "en": "not a Word .docx file (a .dotx, .docm or damaged file cannot be used)",
        "tr": "Word .docx dosyası değil (.dotx, .docm ya da bozuk bir dosya kullanılamaz)",
    },
    "template_save_as_docx": {
        "en": "save the template from Word as 'Word Document (.docx)'",
        "tr": "şablonu Word'de 'Word Belgesi (.docx)' olarak kaydedin",
    },
    "import_not_xlsx": {"en": "not an Excel .xlsx workbook (it is not a zip package)",
                        "tr": "Excel .xlsx çalışma kitabı değil (zip paketi değil)"},
    "import_ods": {"en": "an OpenDocument spreadsheet (.ods), not an .xlsx workbook",
                   "tr": "bir OpenDocument hesap tablosu (.ods), .xlsx çalışma kitabı değil"},
    "import_zip_not_xlsx": {"en": "a zip package but not an Excel workbook (a Word file or a zip "
                            "archive?)",
                            "tr": "bir zip paketi ama Excel çalışma kitabı değil (Word dosyası ya "
                            "da zip arşivi mi?)"},
    "import_ole": {"en": "a password-protected workbook or an old .xls file, not an .xlsx "
                   "workbook; remove the password",
                   "tr": "parola korumalı bir çalışma kitabı ya da eski bir .xls dosyası, .xlsx "
                   "çalışma kitabı değil; parolayı kaldırın"},
    "import_too_big": {"en": "the workbook unpacks to {size} MB, more than {limit} MB; a "
                       "response workbook is a few MB (extra sheets or pictures?)",
                       "tr": "çalışma kitabı açıldığında {size} MB, {limit} MB sınırından "
                       "büyük; bir yanıt çalışma kitabı birkaç MB olur (fazladan sayfa ya da "
                       "resim mi var?)"},
    "import_save_xlsx": {"en": "save it in Excel as 'Excel Workbook (.xlsx)'",
                         "tr": "Excel'de 'Excel Çalışma Kitabı (.xlsx)' olarak kaydedin"},
    "import_damaged": {"en": "the workbook cannot be read; it is damaged or not an .xlsx "
                       "workbook ({kind})",
                       "tr": "çalışma kitabı okunamıyor; dosya bozuk veya .xlsx çalışma "
                       "kitabı değil ({kind})"},
    "import_save_again": {"en": "open it in Excel and save it again as .xlsx",
                          "tr": "Excel'de açıp yeniden .xlsx olarak kaydedin"},
    "import_other_project": {
        "en": "this workbook was made for the project '{made_for}', not '{project}'; is it the "
        "right file?",
        "tr": "bu çalışma kitabı '{project}' için değil, '{made_for}' projesi için hazırlanmış; "
        "doğru dosya mı?",
    },
    "import_other_vendor": {"en": "this workbook was made for vendor '{made_for}', not "
                            "'{vendor}'",
                            "tr": "bu çalışma kitabı '{vendor}' için değil, '{made_for}' "
                            "tedarikçisi için hazırlanmış"},
    "import_use_vendor": {"en": "use --vendor {vendor}", "tr": "--vendor {vendor} kullanın"},
    "import_format": {"en": "the workbook has format {version}; this crmselect reads format "
                      "{supported}",
                      "tr": "çalışma kitabının biçim sürümü {version}; bu crmselect sürümü "
                      "{supported} biçimini okuyabiliyor"},
    "import_update": {"en": "update crmselect", "tr": "crmselect'i güncelleyin"},
    "import_sheet_missing": {"en": "the sheet '{sheet}' is missing (found: {found})",
                             "tr": "'{sheet}' sayfası yok (bulunan sayfalar: {found})"},
    "import_none": {"en": "none", "tr": "hiçbiri"},
    "import_yaml_other_vendor": {"en": "the file is for vendor '{other}', not '{vendor}'",
                                 "tr": "dosya '{vendor}' için değil, '{other}' tedarikçisi "
                                 "için"},
    # hostile input, round two (issue 11)
    "import_more_problems": {"en": "… and {n} more problems (fix these first)",
                             "tr": "… ve {n} sorun daha (önce bunları düzeltin)"},
    "import_too_many_rows": {
        "en": "row {row} has content, below the last row read ({limit}: the requirement rows "
        "and room for notes); nothing below it is read — delete the rows below the table",
        "tr": "{row}. satırda içerik var; okunan son satır {limit} (gereksinim satırları ve not "
        "payı); altı okunmaz — tablonun altındaki satırları silin",
    },
    "import_too_many_columns": {
        "en": "a cell beyond column {column} (the {limit} columns read); cells that far right "
        "are not read — delete the columns to the right of the table",
        "tr": "{column} sütununun ötesinde bir hücre var (okunan sütun sayısı {limit}); bu "
        "kadar sağdaki hücreler okunmaz — tablonun sağındaki sütunları silin",
    },
    "import_too_many_strings": {
        "en": "the workbook holds {n} different texts, more than the {limit} a response "
        "workbook may hold; is it the right file?",
        "tr": "çalışma kitabında {n} farklı metin var; bir yanıt çalışma kitabında en fazla "
        "{limit} olabilir; doğru dosya mı?",
    },
    "import_part_too_big": {
        "en": "this part unpacks to {size} MB, more than {limit} MB; a response workbook's is "
        "far smaller",
        "tr": "bu bölüm açıldığında {size} MB, {limit} MB sınırından büyük; bir yanıt çalışma "
        "kitabında çok daha küçüktür",
    },
    "ahp_off_scale": {
        "en": "{value} is not on Saaty's scale: a judgement is 1/9 to 9 (1, 2 … 9, or 1/2 … 1/9 "
        "below the diagonal)",
        "tr": "{value} Saaty ölçeğinde değil: bir karşılaştırma 1/9 ile 9 arasında olur (1, 2 … "
        "9 ya da köşegenin altında 1/2 … 1/9)",
    },
    "project_two_files": {"en": "this file and {other} are for the same thing; only one can be "
                          "read",
                          "tr": "bu dosya ile {other} aynı şey için; yalnızca biri okunabilir"},
    "project_keep_one": {"en": "keep one of them", "tr": "birini silin"},
    "lock_busy": {
        "en": "another crmselect command is writing to this project (process {pid} on {host}); "
        "nothing was changed — try again when it has finished",
        "tr": "başka bir crmselect komutu bu projeye yazıyor ({host} üzerinde {pid} numaralı "
        "işlem); hiçbir şey değiştirilmedi — o komut bitince yeniden deneyin",
    },
    "lock_hint": {
        "en": "if no crmselect command is running, delete {file} in the project folder",
        "tr": "çalışan bir crmselect komutu yoksa proje klasöründeki {file} dosyasını silin",
    },
    "lock_failed": {"en": "cannot lock the project: {error}",
                    "tr": "proje kilitlenemiyor: {error}"},
    "out_not_own_kind": {
        "en": "the file exists and is not a {kind} written by crmselect; it was kept",
        "tr": "dosya zaten var ve crmselect'in yazdığı bir {kind} dosyası değil; "
        "dokunulmadı",
    },
    "out_use_force": {"en": "choose another --out, or add --force to replace it",
                      "tr": "başka bir --out seçin ya da üzerine yazmak için --force ekleyin"},
    "import_row_too_wide": {
        "en": "this row has {n} cells, more than the {limit} columns Excel has; the file is "
        "damaged or not a response workbook",
        "tr": "bu satırda {n} hücre var, Excel'in {limit} sütunundan fazla; dosya bozuk ya da "
        "bir yanıt çalışma kitabı değil",
    },
    "import_sheet_too_complex": {
        "en": "the sheet holds {n} merged ranges, validations, formats and the like, more than "
        "{limit}; a response workbook has a few hundred — is it the right file?",
        "tr": "sayfada {n} birleştirilmiş alan, doğrulama, biçim vb. var, {limit} sınırından "
        "fazla; bir yanıt çalışma kitabında birkaç yüz tane olur — doğru dosya mı?",
    },
    "import_date_out_of_range": {
        "en": "{value} is outside the dates a selection plans with ({first} to {last})",
        "tr": "{value}, bir seçim sürecinde kullanılabilecek tarih aralığının dışında ({first} "
        "ile {last} arası)",
    },
}


def current_language(default: str = "en") -> str:
    """The CLI language: ``CRMSELECT_LANG``, else the locale (``tr_TR…`` → tr), else ``default``."""
    for var in ("CRMSELECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "tr" if value.lower().startswith("tr") else "en"
    return default


def amount(value: float, lang: str | None = None) -> str:
    """A whole amount with the language's digit grouping: 6,000,000 or (Turkish) 6.000.000."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if (lang or current_language()) == "tr" else text


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The message ``key`` in ``lang`` (current language by default), formatted with kwargs."""
    lang = lang or current_language()
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**kwargs)
