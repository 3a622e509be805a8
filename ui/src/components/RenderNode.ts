import type { FunctionalComponent, VNodeChild } from 'vue'

/** Renders a VNode (or text) computed in a template: `<RenderNode :node="col.render(row)" />`. */
const RenderNode: FunctionalComponent<{ node: VNodeChild }> = (props) => props.node as never
RenderNode.props = ['node']
export default RenderNode
