# Writes hyperopt-formulas.json: adaptive_parzen_normal, GMM1_lpdf and LGMM1_lpdf of Hyperopt's tpe.py
# (BSD 3-clause, James Bergstra), transcribed line by line with numpy and scipy, on random
# observation sets of every numeric distribution. Run: python3 hyperopt-formulas.py (numpy, scipy).
import numpy as np, json
from scipy.special import erf
EPS=1e-12
def lfw(N,LF):
    if N==0: return np.asarray([])
    if N<LF: return np.ones(N)
    ramp=np.linspace(1.0/N,1.0,num=N-LF); return np.concatenate([ramp,np.ones(LF)])
def apn(mus,pw,pmu,psig,LF=25):
    mus=np.array(mus,dtype=float)
    if len(mus)==0:
        srtd=np.asarray([pmu]); sigma=np.asarray([psig]); pos=0
    elif len(mus)==1:
        if pmu<mus[0]: pos=0; srtd=np.asarray([pmu,mus[0]]); sigma=np.asarray([psig,psig*0.5])
        else: pos=1; srtd=np.asarray([mus[0],pmu]); sigma=np.asarray([psig*0.5,psig])
    else:
        order=np.argsort(mus,kind='stable'); pos=np.searchsorted(mus[order],pmu)
        srtd=np.zeros(len(mus)+1); srtd[:pos]=mus[order[:pos]]; srtd[pos]=pmu; srtd[pos+1:]=mus[order[pos:]]
        sigma=np.zeros_like(srtd); sigma[1:-1]=np.maximum(srtd[1:-1]-srtd[0:-2],srtd[2:]-srtd[1:-1])
        sigma[0]=srtd[1]-srtd[0]; sigma[-1]=srtd[-1]-srtd[-2]
    if LF and LF<len(mus):
        uw=lfw(len(mus),LF); sw=np.zeros_like(srtd); sw[:pos]=uw[order[:pos]]; sw[pos]=pw; sw[pos+1:]=uw[order[pos:]]
    else:
        sw=np.ones(len(srtd)); sw[pos]=pw
    maxs=psig; mins=psig/min(100.0,1.0+len(srtd))
    sigma=np.clip(sigma,mins,maxs); sigma[pos]=psig
    sw/=sw.sum(); return sw,srtd,sigma
def ncdf(x,mu,s): return 0.5*(1+erf((x-mu)/np.maximum(np.sqrt(2)*s,EPS)))
def gmm_lpdf(x,w,mu,s,low,high,q):
    pa=1 if low is None else np.sum(w*(ncdf(high,mu,s)-ncdf(low,mu,s)))
    if q is None:
        d=x-mu; mah=(d/s)**2; Z=np.sqrt(2*np.pi*s**2); coef=w/Z/pa
        t=-0.5*mah+np.log(coef); m=t.max(); return float(np.log(np.exp(t-m).sum())+m)
    ub=x+q/2 if high is None else min(x+q/2,high); lb=x-q/2 if low is None else max(x-q/2,low)
    p=np.sum(w*ncdf(ub,mu,s)-w*ncdf(lb,mu,s)); return float(np.log(p)-np.log(pa))
def lncdf(x,mu,s): return 0.5+0.5*erf((np.log(max(x,EPS))-mu)/np.maximum(np.sqrt(2)*s,EPS))
def lgmm_lpdf(x,w,mu,s,low,high,q):
    pa=1 if low is None else np.sum(w*(ncdf(high,mu,s)-ncdf(low,mu,s)))
    if q is None:
        sm=np.maximum(s,EPS); Z=sm*x*np.sqrt(2*np.pi); E=0.5*((np.log(x)-mu)/sm)**2; t=-E-np.log(Z)+np.log(w)
        m=t.max(); return float(np.log(np.exp(t-m).sum())+m)
    ub=x+q/2 if high is None else min(x+q/2,np.exp(high)); lb=x-q/2 if low is None else max(x-q/2,np.exp(low)); lb=max(0,lb)
    p=np.sum(w*np.array([lncdf(ub,a,b) for a,b in zip(mu,s)])-w*np.array([lncdf(lb,a,b) for a,b in zip(mu,s)]))
    return float(np.log(p)-np.log(pa))
rng=np.random.default_rng(0); cases=[]
for kind,(a,b,q) in [('uniform',(-3,7,None)),('quniform',(0,20,2)),('loguniform',(1e-3,10,None)),('qloguniform',(1,1000,5)),('normal',(1,2,None)),('qnormal',(0,5,1)),('lognormal',(0,1,None)),('qlognormal',(1,0.5,2))]:
    for rep in range(6):
        n=int(rng.integers(0,60)); LF=int(rng.choice([25,5,0]))
        if kind in('uniform','quniform'): obs=rng.uniform(a,b,n); lo,hi=a,b; pmu,psig=0.5*(a+b),b-a
        elif kind in('loguniform','qloguniform'): lo,hi=np.log(a),np.log(b); obs=np.exp(rng.uniform(lo,hi,n)); pmu,psig=0.5*(lo+hi),hi-lo
        elif kind in('normal','qnormal'): obs=rng.normal(a,b,n); lo=hi=None; pmu,psig=a,b
        else: obs=np.exp(rng.normal(a,b,n)); lo=hi=None; pmu,psig=a,b
        if q is not None: obs=np.round(obs/q)*q
        if kind in('loguniform','lognormal'): wo=np.log(obs)
        elif kind=='qloguniform': wo=np.log(np.maximum(obs,max(EPS,np.exp(lo))))
        elif kind=='qlognormal': wo=np.log(np.maximum(obs,EPS))
        else: wo=obs
        w,mu,s=apn(wo,1.0,pmu,psig,LF)
        xs=[]; lp=[]
        for _ in range(5):
            k=rng.choice(len(w),p=w); y=rng.normal(mu[k],s[k])
            if lo is not None: y=min(max(y,lo+1e-9),hi-1e-9)
            x=np.exp(y) if 'log' in kind else y
            if q is not None: x=float(np.round(x/q)*q)
            if 'log' in kind: v=lgmm_lpdf(x,w,mu,s,lo,hi,q)
            else: v=gmm_lpdf(x,w,mu,s,lo,hi,q)
            xs.append(float(x)); lp.append(v)
        cases.append(dict(kind=kind,a=a,b=b,q=q,obs=[float(v) for v in obs],lf=LF,w=w.tolist(),mu=mu.tolist(),s=s.tolist(),x=xs,lpdf=lp))
json.dump(cases,open('hyperopt-formulas.json','w'))
print(len(cases))
