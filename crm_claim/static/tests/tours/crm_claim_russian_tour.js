import { registry } from "@web/core/registry";

/**
 * A Russian salesman's lists and reports at 1440 px (crm_claim/tests/test_russian_screens.py):
 * the My Sales board and list, the sales funnel, the loss analysis, competitors, the
 * executive discipline report, interactions, calls and claims. Each screen fails the tour when
 * a column title is cut, a short value is cut (a number, a status, a date) or an English word
 * shows, and names what it found.
 */
// names, not words: the product name and its bot (codes in capitals pass too)
const ALLOWED = new Set(["Odoo", "OdooBot"]);

function englishWords(root) {
    const found = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!element || !element.checkVisibility() || element.closest("script, style, .o_debug_manager")) {
            continue;
        }
        for (const word of node.textContent.match(/[A-Za-z]{2,}/g) || []) {
            // a code in capitals (a document number's prefix such as CLM) is not a word
            if (!ALLOWED.has(word) && word !== word.toUpperCase()) {
                found.add(word);
            }
        }
    }
    return [...found];
}

function isCut(element) {
    return element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1;
}

/** Column titles (the cell or the text inside it) and short values that do not fit. */
function cutTexts(root) {
    const cut = [];
    for (const th of root.querySelectorAll(".o_list_renderer thead th")) {
        if (th.textContent.trim() && [th, ...th.querySelectorAll("span, div")].some(isCut)) {
            cut.push(`title "${th.textContent.trim()}"`);
        }
    }
    for (const td of root.querySelectorAll(".o_list_renderer tbody td.o_data_cell")) {
        const text = td.textContent.trim();
        // a long free text may end in "…"; a number, a status or a date may not
        if (text.length <= 20 && [td, ...td.querySelectorAll("span, div")].some(isCut)) {
            cut.push(`value "${text}"`);
        }
    }
    return cut;
}

// the records of the test (a database with demo data has English records of other users)
const OURS = /Ромашк|Конкурент|Продавцов|Звонок о доставке|Встреча в офисе|Стол пришёл/;

/** What the screen says by itself (titles, filters, buttons) and what it says of our records. */
function textRoots(root) {
    const roots = [
        ...root.querySelectorAll(
            ".o_control_panel, .o_list_renderer thead, .o_kanban_header, .o_funnel_body, .o_list_renderer tfoot"
        ),
    ];
    for (const record of root.querySelectorAll(".o_data_row, .o_kanban_record")) {
        if (OURS.test(record.textContent)) {
            roots.push(record);
        }
    }
    return roots;
}

const PROBLEMS = "crm_claim_russian_tour_problems";

function checkScreen(what) {
    const root = document.querySelector(".o_action_manager");
    const problems = [];
    const words = [...new Set(textRoots(root).flatMap(englishWords))];
    if (words.length) {
        problems.push(`English: ${words.join(", ")}`);
    }
    const cut = cutTexts(root);
    if (cut.length) {
        problems.push(`cut: ${cut.join(", ")}`);
    }
    if (problems.length) {
        // every screen is checked: the last step names what all of them showed
        const widths = [...root.querySelectorAll(".o_list_renderer thead th")].map(
            (th) => `${th.dataset.name || th.className}: ${th.textContent.trim()}: ${th.offsetWidth}px`
        );
        console.log(`${what}: ${problems.join("; ")} (columns ${widths.join(", ")})`);
        const found = JSON.parse(sessionStorage.getItem(PROBLEMS) || "[]");
        found.push(`${what} at ${window.innerWidth} px: ${problems.join("; ")}`);
        sessionStorage.setItem(PROBLEMS, JSON.stringify(found));
    }
}

/** Open a screen by its address, wait for `ready`, check it. */
function screen(what, url, ready) {
    return [
        {
            content: `Open ${what}`,
            trigger: ".o_action_manager",
            run() {
                window.location.href = url;
            },
            expectUnloadPage: true,
        },
        {
            content: `${what}: Russian, nothing cut`,
            trigger: ready,
            run() {
                checkScreen(what);
            },
        },
    ];
}

registry.category("web_tour.tours").add("crm_claim_russian_tour", {
    steps: () => [
        {
            content: "Nothing found yet",
            trigger: ".o_action_manager",
            run() {
                sessionStorage.removeItem(PROBLEMS);
            },
        },
        {
            content: "The My Sales board",
            trigger: ".o_kanban_record:contains(Столы для Ромашки)",
            run() {
                checkScreen("the My Sales board");
            },
        },
        ...screen(
            "the interests list",
            "/odoo/action-crm_interest.crm_lead_action_my_sales?view_type=list",
            ".o_list_renderer .o_data_row:contains(Столы для Ромашки)"
        ),
        ...screen(
            "the sales funnel",
            "/odoo/action-crm_interest.crm_interest_funnel_report_action",
            ".o_funnel_row:contains(Коммерческое предложение)"
        ),
        {
            content: "The funnel's drawing names each state with its figures",
            trigger: ".o_funnel_chart .o_funnel_label:contains(Коммерческое предложение)",
            run() {
                const labels = [...document.querySelectorAll(".o_funnel_chart .o_funnel_label")];
                const figures = document.querySelectorAll(".o_funnel_chart .o_funnel_figures");
                if (labels.length !== 3 || figures.length !== 3) {
                    throw new Error(`the drawing has ${labels.length} names, ${figures.length} figures`);
                }
                if (document.querySelector(".o_crm_interest_funnel input[type=date]")) {
                    throw new Error("a date filter is the browser's date input (mm/dd/yyyy)");
                }
            },
        },
        {
            content: "A date filter takes the date in the user's format",
            trigger: ".o_crm_interest_funnel .o_funnel_date_to",
            run: "edit 01.03.2026 && press Enter",
        },
        {
            content: "It keeps it in the user's format",
            trigger: ".o_crm_interest_funnel .o_funnel_row:contains(Первичный контакт)",
            run() {
                const value = document.querySelector(".o_crm_interest_funnel .o_funnel_date_to").value;
                if (value !== "01.03.2026") {
                    throw new Error(`the date filter shows "${value}"`);
                }
            },
        },
        ...screen(
            "the loss analysis",
            "/odoo/action-crm_interest.crm_lead_action_loss_analysis?view_type=list",
            ".o_list_renderer .o_data_row:contains(Стулья для Ромашки)"
        ),
        ...screen(
            "the competitors",
            "/odoo/action-crm_interest.res_partner_action_competitors",
            ".o_list_renderer .o_data_row:contains(ООО Конкурент)"
        ),
        ...screen(
            "the executive discipline report",
            "/odoo/action-crm_interaction.crm_control_discipline_report_action?view_type=list",
            ".o_list_renderer .o_data_row"
        ),
        ...screen(
            "the interactions",
            "/odoo/action-crm_interaction.crm_interaction_action",
            ".o_list_renderer .o_data_row:contains(Встреча в офисе)"
        ),
        {
            content: "Only the calls",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "The calls filter",
            trigger: ".o_filter_menu .o-dropdown-item:contains(Телефонные звонки)",
            run: "click",
        },
        {
            content: "The calls: Russian, nothing cut",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Встреча в офисе))) .o_data_row:contains(Звонок о доставке)",
            run() {
                checkScreen("the calls");
            },
        },
        ...screen(
            "the claims",
            "/odoo/action-crm_claim.crm_claim_action",
            ".o_list_renderer .o_data_row:contains(Стол пришёл поцарапанным)"
        ),
        {
            content: "Every screen was Russian and nothing was cut",
            trigger: ".o_action_manager",
            run() {
                const found = JSON.parse(sessionStorage.getItem(PROBLEMS) || "[]");
                sessionStorage.removeItem(PROBLEMS);
                if (found.length) {
                    throw new Error(found.join("\n"));
                }
            },
        },
    ],
});
