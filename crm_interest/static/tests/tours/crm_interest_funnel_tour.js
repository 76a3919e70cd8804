import { registry } from "@web/core/registry";

/**
 * The sales funnel as the salesman sees it (crm_interest/tests/test_ui.py,
 * TestInterestFunnelTour): a report with its title in the breadcrumb, the funnel drawn, full
 * column titles, totals, a filter, and a state that opens its interests.
 */
function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

registry.category("web_tour.tours").add("crm_interest_funnel_tour", {
    steps: () => [
        {
            content: "Pick the scenario",
            trigger: ".o_crm_interest_funnel select.o_funnel_scenario",
            run: "selectByLabel Funnel sale",
        },
        {
            content: "The report shows the scenario's funnel, titled as a report",
            trigger: ".o_crm_interest_funnel .o_funnel_table .o_funnel_row:contains(Funnel offer)",
            run() {
                const crumbs = document.querySelector(".o_breadcrumb").textContent;
                check(crumbs.includes("Sales Funnel") && !crumbs.includes("NewId"), `breadcrumb: ${crumbs}`);
                check(!document.querySelector(".o_form_button_save, .o_form_status_indicator"), "a record form");
                const steps = document.querySelectorAll(".o_funnel_chart .o_funnel_step");
                check(steps.length === 3, `the funnel draws ${steps.length} states`);
                for (const th of document.querySelectorAll(".o_funnel_table th")) {
                    check(th.scrollWidth <= th.clientWidth + 1, `the title "${th.textContent}" is cut`);
                }
                const entered = document.querySelector(".o_funnel_total .fs-4").textContent.trim();
                check(entered === "3", `entered the funnel: ${entered}`);
            },
        },
        {
            content: "The conversion from the first state",
            trigger: ".o_funnel_row:contains(Funnel contact):contains(66.7 %)",
        },
        {
            content: "Only the interests of a channel",
            trigger: ".o_crm_interest_funnel select.o_funnel_medium_id",
            run: "selectByLabel Funnel phone",
        },
        {
            content: "One interest came by phone",
            trigger: ".o_funnel_total:contains(Interests that entered the funnel) .fs-4:contains(1)",
        },
        {
            content: "Back to every channel",
            trigger: ".o_crm_interest_funnel select.o_funnel_medium_id",
            run: "selectByLabel All",
        },
        {
            content: "Open the interests that reached the offer",
            trigger: ".o_funnel_total:contains(Interests that entered the funnel) .fs-4:contains(3)",
            run() {
                [...document.querySelectorAll(".o_funnel_row")]
                    .find((row) => row.textContent.includes("Funnel offer"))
                    .click();
            },
        },
        {
            content: "The list of those interests opens",
            trigger: ".o_list_view .o_data_row:contains(Funnel desks B)",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                check(rows.length === 2, `${rows.length} interests reached the offer`);
            },
        },
    ],
});
