import {Component, onMounted, onPatched, onWillUnmount, useRef, useState} from "@odoo/owl";
import {loadCSS, loadJS} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const LIB = "/crm_routemap/static/lib/node_modules/bpmn-js/dist";
const MODELER = `${LIB}/bpmn-modeler.production.min.js`;
const VIEWER = `${LIB}/bpmn-navigated-viewer.production.min.js`;
const CSS = [
    `${LIB}/assets/diagram-js.css`,
    `${LIB}/assets/bpmn-js.css`,
    `${LIB}/assets/bpmn-font/css/bpmn-embedded.css`,
];
// Both bundles define window.BpmnJS: keep each one's class as soon as it is loaded.
const classes = {};

async function loadBpmnJS(url) {
    if (!classes[url]) {
        await Promise.all(CSS.map((css) => loadCSS(css)));
        await loadJS(url);
        classes[url] = window.BpmnJS;
    }
    return classes[url];
}

/**
 * The route map as a diagram: the bpmn.io modeler on the map form (saving writes the
 * BPMN XML into the field), the viewer elsewhere with the process's current points marked.
 */
export class RoutemapDiagramField extends Component {
    static template = "crm_routemap.RoutemapDiagramField";
    static props = {
        ...standardFieldProps,
        viewer: {type: Boolean, optional: true},
        currentField: {type: String, optional: true},
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.state = useState({missing: false, error: ""});
        this.lastXml = null;
        this.marked = [];
        onMounted(() => this.start());
        onPatched(() => this.refresh());
        onWillUnmount(() => this.bpmn && this.bpmn.destroy());
    }

    get isViewer() {
        return this.props.viewer || this.props.readonly;
    }

    get xml() {
        return this.props.record.data[this.props.name] || "";
    }

    get currentElements() {
        const value = this.props.currentField && this.props.record.data[this.props.currentField];
        return value ? value.split(",").filter(Boolean) : [];
    }

    async start() {
        let BpmnJS = null;
        try {
            BpmnJS = await loadBpmnJS(this.isViewer ? VIEWER : MODELER);
        } catch {
            BpmnJS = null;
        }
        if (!BpmnJS) {
            this.state.missing = true;
            return;
        }
        this.bpmn = new BpmnJS({container: this.canvasRef.el, height: 480});
        if (!this.isViewer) {
            this.bpmn.on("commandStack.changed", () => this.save());
        }
        await this.refresh();
    }

    async refresh() {
        if (!this.bpmn) {
            return;
        }
        if (this.xml && this.xml !== this.lastXml) {
            this.lastXml = this.xml;
            try {
                await this.bpmn.importXML(this.xml);
                this.bpmn.get("canvas").zoom("fit-viewport", "auto");
                this.state.error = "";
            } catch (error) {
                this.state.error = error.message;
            }
        }
        this.mark();
    }

    mark() {
        const canvas = this.bpmn.get("canvas");
        const registryEl = this.bpmn.get("elementRegistry");
        for (const id of this.marked) {
            if (registryEl.get(id)) {
                canvas.removeMarker(id, "o_routemap_current");
            }
        }
        this.marked = this.currentElements.filter((id) => registryEl.get(id));
        for (const id of this.marked) {
            canvas.addMarker(id, "o_routemap_current");
        }
    }

    async save() {
        const {xml} = await this.bpmn.saveXML({format: true});
        this.lastXml = xml;
        await this.props.record.update({[this.props.name]: xml});
    }

    get missingMessage() {
        return _t(
            "The diagram editor (bpmn-js) is not installed. Fetch it with: npm ci --prefix crm_routemap/static/lib"
        );
    }
}

export const routemapDiagramField = {
    component: RoutemapDiagramField,
    displayName: _t("Route map diagram"),
    supportedTypes: ["text"],
    extractProps: ({options}) => ({
        viewer: Boolean(options.viewer),
        currentField: options.current_field,
    }),
    fieldDependencies: [],
};

registry.category("fields").add("routemap_bpmn", routemapDiagramField);
