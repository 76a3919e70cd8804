import { registry } from "@web/core/registry";

/**
 * The sales director opens the ABC x XYZ matrix, drills into the A clients whose turnover is
 * unstable (Z), finds a dormant one and plans a call with him (demo data of crm_client_base,
 * run by crm_client_base/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_client_base_matrix_tour", {
    steps: () => [
        {
            content: "Open the client base menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Client Base)",
            run: "click",
        },
        {
            content: "Open the ABC x XYZ matrix",
            trigger: ".o-dropdown--menu .dropdown-item:contains(ABC/XYZ Matrix)",
            run: "click",
        },
        {
            content: "The matrix: ABC rows, XYZ columns (X, Y, Z, then the total)",
            trigger: ".o_pivot thead tr:has(th:text(X) + th:text(Y) + th:text(Z))",
        },
        {
            content: "Drill into the A clients with an unstable turnover (A x Z)",
            trigger:
                ".o_pivot tbody tr:has(th:text(A)) td.o_pivot_cell_value:eq(2)",
            run: "click",
        },
        {
            content: "Only A clients with an unstable turnover: the boiler service; open it",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains(ГазСтройПроект))) .o_data_row:contains(Промкотлосервис) .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            content: "It is an A client",
            trigger: ".o_form_view .o_field_widget[name=abc_turnover]:contains(A)",
        },
        {
            content: "and dormant",
            trigger: ".o_form_view .o_field_widget[name=client_status_id]:contains(Dormant)",
        },
        {
            content: "Open the client's card",
            trigger: ".o_form_view .o_field_widget[name=partner_id] a.o_form_uri",
            run: "click",
        },
        {
            content: "The client's card is open",
            trigger: ".o_breadcrumb .active:contains(Промкотлосервис)",
        },
        {
            content: "Plan an activity",
            trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-activity",
            run: "click",
        },
        {
            content: "A call",
            trigger:
                ".modal .o_field_widget[name=activity_type_id] .o_selection_badge:contains(Call)",
            run: "click",
        },
        {
            content: "What the call is about",
            trigger: ".modal .o_field_widget[name=summary] input",
            run: "edit Узнать, почему перестали покупать трубы",
        },
        {
            content: "Save",
            trigger: ".modal button[name=action_schedule_activities]",
            run: "click",
        },
        {
            content: "The call is planned on the client's card",
            trigger:
                "body:not(:has(.modal)) .o-mail-Activity:contains(Узнать, почему перестали покупать трубы)",
        },
    ],
});
