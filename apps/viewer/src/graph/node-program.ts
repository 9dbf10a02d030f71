/**
 * The node program of the viewer: sigma's disc (NodeCircleProgram's shaders) with an optional
 * ring in a second colour, solid or dashed, read from the node's display data:
 * `ring` 0 none, 1 solid (weak links: a warning ring around the company's own colour), 2 dashed
 * (ghost nodes of missing roles); `ringColor` its colour. Picking (hover, click) uses the
 * whole disc, as sigma's own program does.
 */
import type { Attributes } from 'graphology-types';
import { NodeProgram } from 'sigma/rendering';
import type { ProgramInfo } from 'sigma/rendering';
import type { NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';

// language=GLSL
const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec4 a_ringColor;
attribute vec2 a_position;
attribute float a_size;
attribute float a_ring;
attribute float a_angle;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec4 v_ringColor;
varying vec2 v_diffVector;
varying float v_radius;
varying float v_ring;

const float bias = 255.0 / 254.0;

void main() {
  float size = a_size * u_correctionRatio / u_sizeRatio * 4.0;
  vec2 diffVector = size * vec2(cos(a_angle), sin(a_angle));
  vec2 position = a_position + diffVector;
  gl_Position = vec4((u_matrix * vec3(position, 1)).xy, 0, 1);

  v_diffVector = diffVector;
  v_radius = size / 2.0;
  v_ring = a_ring;

  #ifdef PICKING_MODE
  v_color = a_id;
  v_ringColor = a_id;
  #else
  v_color = a_color;
  v_ringColor = a_ringColor;
  #endif

  v_color.a *= bias;
  v_ringColor.a *= bias;
}
`;

// language=GLSL
const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec4 v_ringColor;
varying vec2 v_diffVector;
varying float v_radius;
varying float v_ring;

uniform float u_correctionRatio;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  float border = u_correctionRatio * 2.0;
  float r = length(v_diffVector);
  float dist = r - v_radius + border;

  #ifdef PICKING_MODE
  if (dist > border)
    gl_FragColor = transparent;
  else
    gl_FragColor = v_color;
  #else
  vec4 color = v_color;
  if (v_ring > 0.5) {
    // At least about two pixels wide, else a quarter of the radius.
    float width = max(v_radius * 0.26, u_correctionRatio * 4.0);
    if (r > v_radius - width) {
      float on = 1.0;
      if (v_ring > 1.5) {
        // Dashed: 10 dashes around the circle.
        float turn = atan(v_diffVector.y, v_diffVector.x) / 6.28318530718;
        on = step(fract(turn * 10.0), 0.55);
      }
      color = mix(color, v_ringColor, on);
    }
  }
  float t = 0.0;
  if (dist > border)
    t = 1.0;
  else if (dist > 0.0)
    t = dist / border;
  gl_FragColor = mix(color, transparent, t);
  #endif
}
`;

const { UNSIGNED_BYTE, FLOAT } = WebGLRenderingContext;
const UNIFORMS = ['u_sizeRatio', 'u_correctionRatio', 'u_matrix'] as const;

/** Display data with the ring fields the page's reducers pass through. */
type RingData = NodeDisplayData & { ring?: number; ringColor?: string };

export class NodeRingProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodeProgram<(typeof UNIFORMS)[number], N, E, G> {
  static readonly ANGLE_1 = 0;
  static readonly ANGLE_2 = (2 * Math.PI) / 3;
  static readonly ANGLE_3 = (4 * Math.PI) / 3;

  getDefinition() {
    return {
      VERTICES: 3,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: WebGLRenderingContext.TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_ringColor', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_ring', size: 1, type: FLOAT },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
      CONSTANT_ATTRIBUTES: [{ name: 'a_angle', size: 1, type: FLOAT }],
      CONSTANT_DATA: [
        [NodeRingProgram.ANGLE_1],
        [NodeRingProgram.ANGLE_2],
        [NodeRingProgram.ANGLE_3],
      ],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const array = this.array;
    const d = data as RingData;
    let i = startIndex;
    array[i++] = d.x;
    array[i++] = d.y;
    array[i++] = d.size;
    array[i++] = floatColor(d.color);
    array[i++] = floatColor(d.ringColor ?? d.color);
    array[i++] = d.ring ?? 0;
    array[i++] = nodeIndex;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo): void {
    gl.uniform1f(uniformLocations.u_correctionRatio!, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix);
  }
}
